"""client.calibrations and AsyncClient.calibrations: start, follow, read, cancel and delete calibrations
(README "Calibration over the API"). A calibration document is a dict:
{"base", "experiments", "parameters", "method"}, the one the CLI's ``precipitate calibrate`` reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _calibration_ops as ops
from ._calibration_ops import CalibrationRef, calibration_id
from .calibration_models import Calibration, CalibrationResults

if TYPE_CHECKING:
    from .aio import AsyncClient
    from .client import Client


class Calibrations:
    def __init__(self, client: Client) -> None:
        self._client = client

    def start(self, document: dict[str, Any]) -> Calibration:
        """Starts a calibration (POST /calibrations); it runs on one of the service's workers."""
        return self._client._run(ops.start(document, self._client._settings.retry))

    def run(self, document: dict[str, Any]) -> CalibrationResults:
        """Starts a calibration and waits for its result; Ctrl-C cancels it on the service."""
        return self.wait(self.start(document))

    def wait(self, calibration: CalibrationRef) -> CalibrationResults:
        settings = self._client._settings
        return self._client._run(ops.follow(calibration_id(calibration), settings.poll, settings.retry))

    def get(self, calibration: CalibrationRef) -> Calibration:
        return self._client._run(ops.get(calibration_id(calibration), self._client._settings.retry))

    def results(self, calibration: CalibrationRef) -> CalibrationResults:
        return self._client._run(ops.results(calibration_id(calibration), self._client._settings.retry))

    def cancel(self, calibration: CalibrationRef) -> Calibration | None:
        return self._client._run(ops.cancel(calibration_id(calibration), self._client._settings.retry))

    def delete(self, calibration: CalibrationRef) -> None:
        self._client._run(ops.delete(calibration_id(calibration), self._client._settings.retry))


class AsyncCalibrations:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def start(self, document: dict[str, Any]) -> Calibration:
        return await self._client._run(ops.start(document, self._client._settings.retry))

    async def run(self, document: dict[str, Any]) -> CalibrationResults:
        return await self.wait(await self.start(document))

    async def wait(self, calibration: CalibrationRef) -> CalibrationResults:
        settings = self._client._settings
        return await self._client._run(ops.follow(calibration_id(calibration), settings.poll, settings.retry))

    async def get(self, calibration: CalibrationRef) -> Calibration:
        return await self._client._run(ops.get(calibration_id(calibration), self._client._settings.retry))

    async def results(self, calibration: CalibrationRef) -> CalibrationResults:
        return await self._client._run(ops.results(calibration_id(calibration), self._client._settings.retry))

    async def cancel(self, calibration: CalibrationRef) -> Calibration | None:
        return await self._client._run(ops.cancel(calibration_id(calibration), self._client._settings.retry))

    async def delete(self, calibration: CalibrationRef) -> None:
        await self._client._run(ops.delete(calibration_id(calibration), self._client._settings.retry))
