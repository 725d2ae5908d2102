"""Calibration operations (POST /calibrations and after), written once for Client.calibrations and
AsyncClient.calibrations."""

from __future__ import annotations

from typing import Any

from . import _resource_ops as resource
from ._ops import Op, PollPolicy, RetryPolicy, Send, call
from .calibration_models import Calibration, CalibrationResults

CalibrationRef = str | Calibration


def calibration_id(calibration: CalibrationRef) -> str:
    return calibration.id if isinstance(calibration, Calibration) else calibration


def start(document: dict[str, Any], retry: RetryPolicy) -> Op[Calibration]:
    """POST /calibrations: the calibration, pending."""
    response = yield from call(Send("POST", "/calibrations", json=document), retry)
    return Calibration.model_validate(response.json())


def _path(calibration: str) -> str:
    return f"/calibrations/{calibration}"


def get(calibration: str, retry: RetryPolicy) -> Op[Calibration]:
    found = yield from resource.get(_path(calibration), Calibration, retry)
    return found


def results(calibration: str, retry: RetryPolicy) -> Op[CalibrationResults]:
    response = yield from call(Send("GET", f"{_path(calibration)}/results"), retry)
    return CalibrationResults.model_validate(response.json())


def cancel(calibration: str, retry: RetryPolicy) -> Op[Calibration | None]:
    """Cancels an unfinished calibration; a finished one is returned as it is (None: it finished meanwhile
    and the one DELETE deleted it)."""
    found = yield from resource.cancel(_path(calibration), Calibration, retry)
    return found


def delete(calibration: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a calibration; an unfinished one is cancelled first."""
    yield from resource.delete(_path(calibration), retry)


def follow(calibration: str, poll: PollPolicy, retry: RetryPolicy) -> Op[CalibrationResults]:
    """Polls until the calibration finishes, then its results. Interrupted, it cancels it and re-raises."""
    yield from resource.wait(_path(calibration), Calibration, poll, retry)
    found = yield from results(calibration, retry)
    return found
