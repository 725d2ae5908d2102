"""What Client and AsyncClient share: settings from arguments or the environment, job references."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ._ops import PollPolicy, RetryPolicy
from .errors import JobFailed
from .models import Accepted, Job, SimulationRequest
from .result import Result

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


def _completed(job: Job, fetch: Callable[[str], bytes]) -> Result:
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
