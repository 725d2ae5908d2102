"""AsyncClient: the same operations as Client, for asyncio."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, Literal, TypeVar, cast, overload

import httpx

from . import _ops
from ._common import JobRef, Request, _Common, _completed, _job_id
from ._ops import Op, Sleep
from ._progress import Hook, Progress
from .calibrations import AsyncCalibrations
from .client import Client
from .models import Accepted, Health, Job, JobPage, Results
from .result import Result
from .sweeps import AsyncSweeps

T = TypeVar("T")


class AsyncClient(_Common):
    """The asyncio variant of Client: the same methods, awaited; cancelling a waiting task cancels the
    job. A Result's figures and files are downloaded with a blocking request when first asked for."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, **options: Any) -> None:
        super().__init__(base_url, api_key, **options)
        self._http = httpx.AsyncClient(**self._settings.httpx_options())
        self._files: Client | None = None
        self.jobs = AsyncJobs(self)
        self.sweeps = AsyncSweeps(self)
        self.calibrations = AsyncCalibrations(self)

    async def _run(self, op: Op[T]) -> T:
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = op.throw(error) if error is not None else op.send(value)
            except StopIteration as done:
                return cast(T, done.value)
            value, error = None, None
            try:
                if isinstance(step, Sleep):
                    await asyncio.sleep(step.seconds)
                else:
                    value = await self._http.request(
                        step.method, step.path, params=step.params, json=step.json, headers=step.headers
                    )
            except BaseException as raised:  # CancelledError too: the operation decides
                error = raised

    async def health(self) -> Health:
        return await self._run(_ops.health(self._settings.retry))

    async def openapi(self) -> dict[str, Any]:
        return await self._run(_ops.openapi(self._settings.retry))

    @overload
    async def simulate(
        self,
        request: Request,
        *,
        wait: Literal[True] = ...,
        progress: Progress = ...,
        idempotency_key: str | None = ...,
    ) -> Result: ...

    @overload
    async def simulate(
        self, request: Request, *, wait: Literal[False], progress: Progress = ..., idempotency_key: str | None = ...
    ) -> Job: ...

    async def simulate(
        self, request: Request, *, wait: bool = True, progress: Progress = True, idempotency_key: str | None = None
    ) -> Result | Job:
        job = await self._run(_ops.start(request, idempotency_key, self._settings.retry))
        return await self.wait(job, progress=progress) if wait else job

    async def submit(self, request: Request, *, idempotency_key: str | None = None) -> Accepted:
        return await self._run(_ops.submit(request, idempotency_key, self._settings.retry))

    async def wait(self, job: JobRef, *, progress: Progress = True) -> Result:
        current = job if isinstance(job, Job) else await self.jobs.get(_job_id(job))
        hook = Hook(progress)
        try:
            done = await self._run(_ops.follow(current, hook, self._settings.poll, self._settings.retry))
        finally:
            hook.close()
        return _completed(done, self._fetcher(done.job_id))

    async def result(self, job: JobRef) -> Result:
        job_id = _job_id(job)
        results: Results = await self._run(_ops.results(job_id, self._settings.retry))
        return Result(job_id, results, self._fetcher(job_id), job if isinstance(job, Job) else None)

    async def download(self, job: JobRef, name: str) -> bytes:
        return await self._run(_ops.download(_job_id(job), name, self._settings.retry))

    def _fetcher(self, job_id: str) -> Any:
        def fetch(name: str) -> bytes:
            if self._files is None:
                s = self._settings
                self._files = Client(s.base_url, s.api_key, timeout=s.timeout, max_retries=s.retry.max_retries)
            return self._files.download(job_id, name)

        return fetch

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._files is not None:
            self._files.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class AsyncJobs:
    """client.jobs of an AsyncClient: `async for job in client.jobs.iter()`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def list(self, status: str | None = None, limit: int | None = None, cursor: str | None = None) -> JobPage:
        return await self._client._run(_ops.list_jobs(status, limit, cursor, self._client._settings.retry))

    async def get(self, job: JobRef) -> Job:
        return await self._client._run(_ops.get_job(_job_id(job), self._client._settings.retry))

    async def cancel(self, job: JobRef) -> Job | None:
        return await self._client._run(_ops.cancel(_job_id(job), self._client._settings.retry))

    async def delete(self, job: JobRef) -> None:
        await self._client._run(_ops.delete(_job_id(job), self._client._settings.retry))

    async def pages(self, status: str | None = None, page_size: int = 20) -> AsyncIterator[JobPage]:
        cursor: str | None = None
        while True:
            page = await self.list(status=status, limit=page_size, cursor=cursor)
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def iter(self, status: str | None = None, page_size: int = 20) -> AsyncIterator[Job]:
        async for page in self.pages(status, page_size):
            for job in page.jobs:
                yield job
