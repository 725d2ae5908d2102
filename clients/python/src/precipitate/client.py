"""Client (blocking) and AsyncClient (asyncio) over httpx; both carry out the operations in _ops."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import httpx

from . import _ops
from ._ops import Op, PollPolicy, RetryPolicy, Send, Sleep
from ._progress import Hook, Progress
from .errors import JobFailed
from .models import Accepted, Health, Job, JobPage, Results, SimulationRequest
from .result import Result

T = TypeVar("T")
URL_VARIABLE = "PRECIPITATE_URL"
KEY_VARIABLE = "PRECIPITATE_API_KEY"
DEFAULT_URL = "http://127.0.0.1:8000"
API_PREFIX = "/api/v1"

Request = SimulationRequest | dict[str, Any]
JobRef = str | Job | Accepted


def _job_id(job: JobRef) -> str:
    return job if isinstance(job, str) else job.job_id


class _Settings:
    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        timeout: float,
        max_retries: int,
        max_retry_wait: float,
        poll: PollPolicy | None,
    ) -> None:
        url = (base_url or os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")
        self.base_url = url if url.endswith(API_PREFIX) else url + API_PREFIX
        self.api_key = api_key if api_key is not None else os.environ.get(KEY_VARIABLE) or None
        self.timeout = timeout
        self.retry = RetryPolicy(max_retries=max_retries, max_wait_seconds=max_retry_wait)
        self.poll = poll or PollPolicy()

    def httpx_options(self) -> dict[str, Any]:
        headers = {"Accept": "application/json, application/problem+json;q=0.9, */*;q=0.1"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        # Redirects are followed for files in S3; httpx drops Authorization when leaving the origin.
        return {"base_url": self.base_url, "headers": headers, "timeout": self.timeout, "follow_redirects": True}


def _completed(job: Job, fetch: Any) -> Result:
    if job.status != "completed" or job.results is None:
        raise JobFailed(job)
    return Result(job.job_id, job.results, fetch, job)


class _Common:
    """Constructor arguments of both clients.

    base_url: the service (with or without /api/v1); default $PRECIPITATE_URL, else http://127.0.0.1:8000.
    api_key: the bearer key; default $PRECIPITATE_API_KEY, else none.
    max_retries / max_retry_wait: 429 and 503 are retried after their Retry-After, at most max_retries
    times and never for a Retry-After over max_retry_wait seconds.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        poll: PollPolicy | None = None,
    ) -> None:
        self._settings = _Settings(base_url, api_key, timeout, max_retries, max_retry_wait, poll)

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.base_url}{' with key' if self._settings.api_key else ''}>"


class Client(_Common):
    """The service from Python: simulate, follow and manage jobs. Use as a context manager or close()."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, **options: Any) -> None:
        super().__init__(base_url, api_key, **options)
        self._http = httpx.Client(**self._settings.httpx_options())
        self.jobs = Jobs(self)

    def _run(self, op: Op[T]) -> T:
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = op.throw(error) if error is not None else op.send(value)
            except StopIteration as done:
                return done.value
            value, error = None, None
            try:
                if isinstance(step, Sleep):
                    time.sleep(step.seconds)
                else:
                    value = self._send(step)
            except BaseException as raised:  # KeyboardInterrupt too: the operation decides
                error = raised

    def _send(self, step: Send) -> httpx.Response:
        return self._http.request(step.method, step.path, params=step.params, json=step.json, headers=step.headers)

    def health(self) -> Health:
        return self._run(_ops.health(self._settings.retry))

    def openapi(self) -> dict[str, Any]:
        return self._run(_ops.openapi(self._settings.retry))

    def simulate(
        self, request: Request, *, wait: bool = True, progress: Progress = True, idempotency_key: str | None = None
    ) -> Result | Job:
        """Runs a simulation. wait=True: follows it (a tqdm bar, or progress=callable(job), or False)
        and returns the Result; Ctrl-C cancels the job on the service. wait=False: returns the Job."""
        job = self._run(_ops.start(request, idempotency_key, self._settings.retry))
        return self.wait(job, progress=progress) if wait else job

    def submit(self, request: Request, *, idempotency_key: str | None = None) -> Accepted:
        """Queues a simulation (POST /simulate/async): its job id and estimated duration."""
        return self._run(_ops.submit(request, idempotency_key, self._settings.retry))

    def wait(self, job: JobRef, *, progress: Progress = True) -> Result:
        """Follows a job until it finishes: its Result, or JobFailed when it failed or was cancelled."""
        current = job if isinstance(job, Job) else self.jobs.get(_job_id(job))
        hook = Hook(progress)
        try:
            done = self._run(_ops.follow(current, hook, self._settings.poll, self._settings.retry))
        finally:
            hook.close()
        return _completed(done, self._fetcher(done.job_id))

    def result(self, job: JobRef) -> Result:
        """The Result of a completed job (Conflict when it is not completed)."""
        job_id = _job_id(job)
        results: Results = self._run(_ops.results(job_id, self._settings.retry))
        return Result(job_id, results, self._fetcher(job_id), job if isinstance(job, Job) else None)

    def download(self, job: JobRef, name: str) -> bytes:
        """A result file by key (precipitation_plot, raw_csv) or file name (precipitation.svg)."""
        return self._run(_ops.download(_job_id(job), name, self._settings.retry))

    def _fetcher(self, job_id: str) -> Any:
        return lambda name: self.download(job_id, name)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Jobs:
    """client.jobs: list, get, cancel, delete and iterate the caller's jobs (newest first)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def list(self, status: str | None = None, limit: int | None = None, cursor: str | None = None) -> JobPage:
        return self._client._run(_ops.list_jobs(status, limit, cursor, self._client._settings.retry))

    def get(self, job: JobRef) -> Job:
        return self._client._run(_ops.get_job(_job_id(job), self._client._settings.retry))

    def cancel(self, job: JobRef) -> Job | None:
        """Cancels a pending or running job (a finished one is returned unchanged)."""
        return self._client._run(_ops.cancel(_job_id(job), self._client._settings.retry))

    def delete(self, job: JobRef) -> None:
        """Deletes a job with its files (cancelling it first when it is unfinished)."""
        self._client._run(_ops.delete(_job_id(job), self._client._settings.retry))

    def pages(self, status: str | None = None, page_size: int = 20) -> Iterator[JobPage]:
        cursor: str | None = None
        while True:
            page = self.list(status=status, limit=page_size, cursor=cursor)
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def __iter__(self) -> Iterator[Job]:
        return self.iter()

    def iter(self, status: str | None = None, page_size: int = 20) -> Iterator[Job]:
        for page in self.pages(status, page_size):
            yield from page.jobs


class AsyncClient(_Common):
    """The asyncio variant of Client: the same methods, awaited; cancelling a waiting task cancels the
    job. A Result's figures and files are downloaded with a blocking request when first asked for."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, **options: Any) -> None:
        super().__init__(base_url, api_key, **options)
        self._http = httpx.AsyncClient(**self._settings.httpx_options())
        self._files: Client | None = None
        self.jobs = AsyncJobs(self)

    async def _run(self, op: Op[T]) -> T:
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = op.throw(error) if error is not None else op.send(value)
            except StopIteration as done:
                return done.value
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
