"""client.sweeps and AsyncClient.sweeps: start, follow, read, cancel and delete sweeps (README "Sweeps and
maps"). A sweep document is a dict: {"base": <request>, "axes": [{"path", "values"}], "combine"}."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from . import _sweep_ops as ops
from ._sweep_ops import SweepRef, sweep_id
from .models import Sweep, SweepResults

if TYPE_CHECKING:
    from .aio import AsyncClient
    from .client import Client


class Sweeps:
    def __init__(self, client: Client) -> None:
        self._client = client

    def start(self, document: dict[str, Any]) -> Sweep:
        """Starts a sweep (POST /sweeps); it runs on the service's workers."""
        return self._client._run(ops.start(document, self._client._settings.retry))

    def run(self, document: dict[str, Any]) -> SweepResults:
        """Starts a sweep and waits for its results; Ctrl-C cancels it on the service."""
        return self.wait(self.start(document))

    def wait(self, sweep: SweepRef) -> SweepResults:
        settings = self._client._settings
        return self._client._run(ops.follow(sweep_id(sweep), settings.poll, settings.retry))

    def get(self, sweep: SweepRef) -> Sweep:
        return self._client._run(ops.get(sweep_id(sweep), self._client._settings.retry))

    def results(self, sweep: SweepRef, format: Literal["json", "csv"] = "json") -> SweepResults | str:
        """The rows with their curves, or format="csv": the table as the CLI writes it."""
        return self._client._run(ops.results(sweep_id(sweep), format, self._client._settings.retry))

    def cancel(self, sweep: SweepRef) -> Sweep | None:
        return self._client._run(ops.cancel(sweep_id(sweep), self._client._settings.retry))

    def delete(self, sweep: SweepRef) -> None:
        self._client._run(ops.delete(sweep_id(sweep), self._client._settings.retry))


class AsyncSweeps:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def start(self, document: dict[str, Any]) -> Sweep:
        return await self._client._run(ops.start(document, self._client._settings.retry))

    async def run(self, document: dict[str, Any]) -> SweepResults:
        return await self.wait(await self.start(document))

    async def wait(self, sweep: SweepRef) -> SweepResults:
        settings = self._client._settings
        return await self._client._run(ops.follow(sweep_id(sweep), settings.poll, settings.retry))

    async def get(self, sweep: SweepRef) -> Sweep:
        return await self._client._run(ops.get(sweep_id(sweep), self._client._settings.retry))

    async def results(self, sweep: SweepRef, format: Literal["json", "csv"] = "json") -> SweepResults | str:
        return await self._client._run(ops.results(sweep_id(sweep), format, self._client._settings.retry))

    async def cancel(self, sweep: SweepRef) -> Sweep | None:
        return await self._client._run(ops.cancel(sweep_id(sweep), self._client._settings.retry))

    async def delete(self, sweep: SweepRef) -> None:
        await self._client._run(ops.delete(sweep_id(sweep), self._client._settings.retry))
