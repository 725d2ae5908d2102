"""Calibration operations (POST /calibrations and after), written once for Client.calibrations and
AsyncClient.calibrations."""

from __future__ import annotations

import asyncio
from typing import Any

from ._ops import Op, PollPolicy, RetryPolicy, Send, Sleep, call
from .calibration_models import Calibration, CalibrationResults
from .models import UNFINISHED

CalibrationRef = str | Calibration


def calibration_id(calibration: CalibrationRef) -> str:
    return calibration.id if isinstance(calibration, Calibration) else calibration


def start(document: dict[str, Any], retry: RetryPolicy) -> Op[Calibration]:
    """POST /calibrations: the calibration, pending."""
    response = yield from call(Send("POST", "/calibrations", json=document), retry)
    return Calibration.model_validate(response.json())


def get(calibration: str, retry: RetryPolicy) -> Op[Calibration]:
    response = yield from call(Send("GET", f"/calibrations/{calibration}"), retry)
    return Calibration.model_validate(response.json())


def results(calibration: str, retry: RetryPolicy) -> Op[CalibrationResults]:
    response = yield from call(Send("GET", f"/calibrations/{calibration}/results"), retry)
    return CalibrationResults.model_validate(response.json())


def cancel(calibration: str, retry: RetryPolicy) -> Op[Calibration | None]:
    """Cancels an unfinished calibration; a finished one is returned as it is (None: it finished meanwhile
    and the one DELETE deleted it)."""
    current = yield from get(calibration, retry)
    if current.status not in UNFINISHED:
        return current
    response = yield from call(Send("DELETE", f"/calibrations/{calibration}"), retry)
    return Calibration.model_validate(response.json()) if response.status_code == 200 else None


def delete(calibration: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a calibration; an unfinished one is cancelled first."""
    response = yield from call(Send("DELETE", f"/calibrations/{calibration}"), retry)
    if response.status_code == 200:
        yield from call(Send("DELETE", f"/calibrations/{calibration}"), retry)


def follow(calibration: str, poll: PollPolicy, retry: RetryPolicy) -> Op[CalibrationResults]:
    """Polls until the calibration finishes, then its results. Interrupted, it cancels it and re-raises."""
    delay = poll.first_seconds
    try:
        current = yield from get(calibration, retry)
        while current.status in UNFINISHED:
            yield Sleep(delay)
            delay = min(delay * poll.growth, poll.max_seconds)
            current = yield from get(calibration, retry)
    except (KeyboardInterrupt, asyncio.CancelledError):
        yield from cancel(calibration, retry)
        raise
    found = yield from results(calibration, retry)
    return found
