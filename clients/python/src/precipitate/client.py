"""Client: the service from Python, blocking; it carries out the operations in _ops over httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, Literal, TypeVar, cast, overload

import httpx

from . import _ops
from ._common import JobRef, Request, _Common, _completed, _job_id
from ._ops import Op, Send, Sleep
from ._progress import Hook, Progress
from .calibrations import Calibrations
from .models import Accepted, Health, Job, JobPage, Results
from .result import Result
from .sweeps import Sweeps

T = TypeVar("T")


class Client(_Common):
    """The service from Python: simulate, follow and manage jobs. Use as a context manager or close()."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, **options: Any) -> None:
        super().__init__(base_url, api_key, **options)
        self._http = httpx.Client(**self._settings.httpx_options())
        self.jobs = Jobs(self)
        self.sweeps = Sweeps(self)
        self.calibrations = Calibrations(self)

    def _run(self, op: Op[T]) -> T:
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

    @overload
    def simulate(
        self,
        request: Request,
        *,
        wait: Literal[True] = ...,
        progress: Progress = ...,
        idempotency_key: str | None = ...,
    ) -> Result: ...

    @overload
    def simulate(
        self, request: Request, *, wait: Literal[False], progress: Progress = ..., idempotency_key: str | None = ...
    ) -> Job: ...

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
