"""Sweep operations (POST /sweeps and after), written once for Client.sweeps and AsyncClient.sweeps."""

from __future__ import annotations

from typing import Any, Literal

from . import _resource_ops as resource
from ._ops import Op, PollPolicy, RetryPolicy, Send, call
from .models import Sweep, SweepResults

SweepRef = str | Sweep


def sweep_id(sweep: SweepRef) -> str:
    return sweep.id if isinstance(sweep, Sweep) else sweep


def start(document: dict[str, Any], retry: RetryPolicy) -> Op[Sweep]:
    """POST /sweeps: the sweep, pending (a 429 or 503 retried stores nothing: it is answered first)."""
    response = yield from call(Send("POST", "/sweeps", json=document), retry)
    return Sweep.model_validate(response.json())


def _path(sweep: str) -> str:
    return f"/sweeps/{sweep}"


def get(sweep: str, retry: RetryPolicy) -> Op[Sweep]:
    found = yield from resource.get(_path(sweep), Sweep, retry)
    return found


def results(sweep: str, format: Literal["json", "csv"], retry: RetryPolicy) -> Op[SweepResults | str]:
    response = yield from call(Send("GET", f"/sweeps/{sweep}/results", params={"format": format}), retry)
    return response.text if format == "csv" else SweepResults.model_validate(response.json())


def cancel(sweep: str, retry: RetryPolicy) -> Op[Sweep | None]:
    """Cancels every unfinished run; a finished sweep is returned as it is (None: it finished meanwhile
    and the one DELETE deleted it)."""
    found = yield from resource.cancel(_path(sweep), Sweep, retry)
    return found


def delete(sweep: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a sweep; an unfinished one is cancelled first."""
    yield from resource.delete(_path(sweep), retry)


def follow(sweep: str, poll: PollPolicy, retry: RetryPolicy) -> Op[SweepResults]:
    """Polls until the sweep finishes, then its results. Interrupted, it cancels the sweep and re-raises."""
    yield from resource.wait(_path(sweep), Sweep, poll, retry)
    found = yield from results(sweep, "json", retry)
    assert isinstance(found, SweepResults)
    return found
