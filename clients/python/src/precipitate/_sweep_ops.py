"""Sweep operations (POST /sweeps and after), written once for Client.sweeps and AsyncClient.sweeps."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from ._ops import Op, PollPolicy, RetryPolicy, Send, Sleep, call
from .models import UNFINISHED, Sweep, SweepResults

SweepRef = str | Sweep


def sweep_id(sweep: SweepRef) -> str:
    return sweep.id if isinstance(sweep, Sweep) else sweep


def start(document: dict[str, Any], retry: RetryPolicy) -> Op[Sweep]:
    """POST /sweeps: the sweep, pending (a 429 or 503 retried stores nothing: it is answered first)."""
    response = yield from call(Send("POST", "/sweeps", json=document), retry)
    return Sweep.model_validate(response.json())


def get(sweep: str, retry: RetryPolicy) -> Op[Sweep]:
    response = yield from call(Send("GET", f"/sweeps/{sweep}"), retry)
    return Sweep.model_validate(response.json())


def results(sweep: str, format: Literal["json", "csv"], retry: RetryPolicy) -> Op[SweepResults | str]:
    response = yield from call(Send("GET", f"/sweeps/{sweep}/results", params={"format": format}), retry)
    return response.text if format == "csv" else SweepResults.model_validate(response.json())


def cancel(sweep: str, retry: RetryPolicy) -> Op[Sweep | None]:
    """Cancels every unfinished run; a finished sweep is returned as it is (None: it finished meanwhile
    and the one DELETE deleted it)."""
    current = yield from get(sweep, retry)
    if current.status not in UNFINISHED:
        return current
    response = yield from call(Send("DELETE", f"/sweeps/{sweep}"), retry)
    return Sweep.model_validate(response.json()) if response.status_code == 200 else None


def delete(sweep: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a sweep; an unfinished one is cancelled first."""
    response = yield from call(Send("DELETE", f"/sweeps/{sweep}"), retry)
    if response.status_code == 200:
        yield from call(Send("DELETE", f"/sweeps/{sweep}"), retry)


def follow(sweep: str, poll: PollPolicy, retry: RetryPolicy) -> Op[SweepResults]:
    """Polls until the sweep finishes, then its results. Interrupted, it cancels the sweep and re-raises."""
    delay = poll.first_seconds
    try:
        current = yield from get(sweep, retry)
        while current.status in UNFINISHED:
            yield Sleep(delay)
            delay = min(delay * poll.growth, poll.max_seconds)
            current = yield from get(sweep, retry)
    except (KeyboardInterrupt, asyncio.CancelledError):
        yield from cancel(sweep, retry)
        raise
    found = yield from results(sweep, "json", retry)
    assert isinstance(found, SweepResults)
    return found
