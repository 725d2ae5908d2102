"""Exceptions: the service's problem+json (RFC 9457) answers as Python exceptions."""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING, Any

import httpx

from .models import FieldError, Problem

if TYPE_CHECKING:
    from .models import Job


class PrecipitateError(Exception):
    """Base class of every error this client raises."""


class ApiError(PrecipitateError):
    """An error answer of the service: status, title, detail and the per-field errors."""

    def __init__(self, problem: Problem, *, retry_after_seconds: float | None = None) -> None:
        self.problem = problem
        self.status: int = problem.status
        self.title: str = problem.title
        self.detail: str = problem.detail
        self.type: str = problem.type
        self.instance: str | None = problem.instance
        self.errors: list[FieldError] = list(problem.errors or [])
        self.retry_after_seconds = retry_after_seconds
        super().__init__(str(self))

    @property
    def field_errors(self) -> dict[str, str]:
        """The per-field errors as {pointer: detail}, e.g. {"/composition/MG": "must be > 0"}."""
        return {e.pointer: e.detail for e in self.errors}

    def __str__(self) -> str:
        lines = [f"{self.status} {self.title}: {self.detail}"]
        lines += [f"  {e.in_} {e.pointer}: {e.detail}" for e in self.errors]
        return "\n".join(lines)


class BadRequest(ApiError):
    """400: a bad query parameter or header."""


class Unauthorized(ApiError):
    """401: no API key, or one the service does not know."""


class Forbidden(ApiError):
    """403."""


class NotFound(ApiError):
    """404: no such job or file (or it belongs to another key)."""


class Conflict(ApiError):
    """409: e.g. the results of a job that is not completed; job_status says what it is."""

    @property
    def job_status(self) -> str | None:
        return self.problem.job_status


class PayloadTooLarge(ApiError):
    """413: the body is over the service's limit."""


class UnsupportedMediaType(ApiError):
    """415: the body is not JSON."""


class ValidationFailed(ApiError):
    """422: the request is invalid; errors names each field with a JSON pointer."""


class RateLimited(ApiError):
    """429: too many requests; retry_after_seconds says when to come back."""


class ServiceUnavailable(ApiError):
    """503: a dependency of the service is down; retry_after_seconds says when to come back."""


class ServerError(ApiError):
    """Any other 5xx."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationFailed,
    429: RateLimited,
    503: ServiceUnavailable,
}


class JobFailed(PrecipitateError):
    """The job ended without results: failed (job.error says why) or cancelled."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.status = job.status
        reason = f": {job.error}" if job.error else ""
        super().__init__(f"job {job.job_id} {job.status}{reason}")


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110)."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_from_response(response: httpx.Response) -> ApiError:
    """The exception for an error answer; a body that is not problem+json still gives status and text."""
    status = response.status_code
    body: Any = None
    try:
        body = response.json()
    except ValueError:
        pass
    if isinstance(body, dict) and "status" in body:
        problem = Problem.model_validate({"type": "about:blank", "title": "", "detail": "", **body})
    else:
        text = response.text.strip()[:500]
        problem = Problem(
            type="about:blank",
            title=response.reason_phrase or "HTTP error",
            status=status,
            detail=text or f"HTTP {status}",
        )
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else ApiError)
    return cls(problem, retry_after_seconds=retry_after_seconds(response))
