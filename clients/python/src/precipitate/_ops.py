"""The client's operations, written once for Client and AsyncClient.

Each operation is a generator that yields what it needs done (an HTTP request, a pause) and receives the
answer; the sync and async clients only carry these steps out. An exception the driver meets while doing
a step (a KeyboardInterrupt during a pause, a task cancellation) is thrown into the operation, so that
following a job can cancel it on the service before it re-raises.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from .errors import error_from_response, retry_after_seconds
from .models import Accepted, Health, Job, JobPage, Results, SimulationRequest

T = TypeVar("T")
RETRIED_STATUSES = (429, 503)


@dataclass(frozen=True)
class Send:
    method: str
    path: str
    params: dict[str, Any] | None = None
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sleep:
    seconds: float


Step = Send | Sleep
Op = Generator[Step, Any, T]


@dataclass(frozen=True)
class RetryPolicy:
    """429 and 503 are retried up to max_retries times, each after the answer's Retry-After (or
    backoff_seconds doubling when it has none). A Retry-After over max_wait_seconds is not waited for:
    the error is raised at once, carrying retry_after_seconds."""

    max_retries: int = 3
    max_wait_seconds: float = 60.0
    backoff_seconds: float = 1.0


@dataclass(frozen=True)
class PollPolicy:
    """How often a waiting client asks for the job: first after first_seconds, then growing to at most
    max_seconds between requests."""

    first_seconds: float = 0.1
    growth: float = 1.4
    max_seconds: float = 1.0


def call(send: Send, retry: RetryPolicy) -> Op[httpx.Response]:
    """One request, retried on 429/503; an error answer becomes an ApiError."""
    for attempt in range(retry.max_retries + 1):
        response: httpx.Response = yield send
        if response.status_code not in RETRIED_STATUSES or attempt == retry.max_retries:
            break
        wait = retry_after_seconds(response)
        if wait is None:
            wait = retry.backoff_seconds * 2**attempt
        if wait > retry.max_wait_seconds:
            break
        yield Sleep(wait)
    if response.status_code >= 400:
        raise error_from_response(response)
    return response


def request_body(request: SimulationRequest | dict[str, Any]) -> dict[str, Any]:
    """A model is sent without unset fields; a dict is sent as it is (the service validates it)."""
    return request.to_json() if isinstance(request, SimulationRequest) else request


def health(retry: RetryPolicy) -> Op[Health]:
    response = yield from call(Send("GET", "/health"), retry)
    return Health.model_validate(response.json())


def openapi(retry: RetryPolicy) -> Op[dict[str, Any]]:
    response = yield from call(Send("GET", "/openapi.json"), retry)
    document: dict[str, Any] = response.json()
    return document


def _idempotency(key: str | None) -> dict[str, str]:
    # A fresh key per submission makes a retried POST (after 429/503) return the same job, never two.
    return {"Idempotency-Key": key or str(uuid.uuid4())}


def start(request: SimulationRequest | dict[str, Any], key: str | None, retry: RetryPolicy) -> Op[Job]:
    """POST /simulate with Prefer: respond-async: the job, at once."""
    headers = {**_idempotency(key), "Prefer": "respond-async"}
    response = yield from call(Send("POST", "/simulate", json=request_body(request), headers=headers), retry)
    return Job.model_validate(response.json())


def submit(request: SimulationRequest | dict[str, Any], key: str | None, retry: RetryPolicy) -> Op[Accepted]:
    """POST /simulate/async: the job id and the service's estimate of the run time."""
    send = Send("POST", "/simulate/async", json=request_body(request), headers=_idempotency(key))
    response = yield from call(send, retry)
    return Accepted.model_validate(response.json())


def get_job(job_id: str, retry: RetryPolicy) -> Op[Job]:
    response = yield from call(Send("GET", f"/jobs/{job_id}"), retry)
    return Job.model_validate(response.json())


def list_jobs(status: str | None, limit: int | None, cursor: str | None, retry: RetryPolicy) -> Op[JobPage]:
    params = {k: v for k, v in {"status": status, "limit": limit, "cursor": cursor}.items() if v is not None}
    response = yield from call(Send("GET", "/jobs", params=params), retry)
    return JobPage.model_validate(response.json())


def results(job_id: str, retry: RetryPolicy) -> Op[Results]:
    response = yield from call(Send("GET", f"/jobs/{job_id}/results"), retry)
    return Results.model_validate(response.json())


def download(job_id: str, name: str, retry: RetryPolicy) -> Op[bytes]:
    response = yield from call(Send("GET", f"/jobs/{job_id}/files/{name}"), retry)
    return response.content


def cancel(job_id: str, retry: RetryPolicy) -> Op[Job | None]:
    """Cancels a pending or running job; a finished job is returned as it is, not deleted.

    The service has one DELETE for both cancelling and deleting: a job that finishes between the GET
    and the DELETE is deleted by it, and then None is returned."""
    job = yield from get_job(job_id, retry)
    if job.finished:
        return job
    response = yield from call(Send("DELETE", f"/jobs/{job_id}"), retry)
    return Job.model_validate(response.json()) if response.status_code == 200 else None


def delete(job_id: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a job and its files; a pending or running job is cancelled first."""
    response = yield from call(Send("DELETE", f"/jobs/{job_id}"), retry)
    if response.status_code == 200:  # it was unfinished: now cancelled, and the second DELETE deletes it
        yield from call(Send("DELETE", f"/jobs/{job_id}"), retry)


ProgressHook = Callable[[Job], None]


def follow(job: Job, on_progress: ProgressHook, poll: PollPolicy, retry: RetryPolicy) -> Op[Job]:
    """Polls the job until it finishes. Interrupted (KeyboardInterrupt, task cancellation), it cancels
    the job on the service and re-raises."""
    delay = poll.first_seconds
    try:
        on_progress(job)
        while not job.finished:
            yield Sleep(delay)
            delay = min(delay * poll.growth, poll.max_seconds)
            job = yield from get_job(job.job_id, retry)
            on_progress(job)
    except (KeyboardInterrupt, asyncio.CancelledError):
        yield from cancel(job.job_id, retry)
        raise
    return job
