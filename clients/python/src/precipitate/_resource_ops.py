"""What sweeps and calibrations share, written once: a resource at an API path whose status says whether it
is still unfinished, which can be read, cancelled, deleted and followed until it finishes."""

from __future__ import annotations

import asyncio
from typing import TypeVar

from ._ops import Op, PollPolicy, RetryPolicy, Send, Sleep, call
from .calibration_models import Calibration
from .models import UNFINISHED, Sweep

R = TypeVar("R", Sweep, Calibration)


def get(path: str, model: type[R], retry: RetryPolicy) -> Op[R]:
    response = yield from call(Send("GET", path), retry)
    return model.model_validate(response.json())


def cancel(path: str, model: type[R], retry: RetryPolicy) -> Op[R | None]:
    """Cancels an unfinished resource; a finished one is returned as it is (None: it finished meanwhile
    and the one DELETE deleted it)."""
    current = yield from get(path, model, retry)
    if current.status not in UNFINISHED:
        return current
    response = yield from call(Send("DELETE", path), retry)
    return model.model_validate(response.json()) if response.status_code == 200 else None


def delete(path: str, retry: RetryPolicy) -> Op[None]:
    """Deletes a resource; an unfinished one is cancelled by the first DELETE and deleted by the second."""
    response = yield from call(Send("DELETE", path), retry)
    if response.status_code == 200:
        yield from call(Send("DELETE", path), retry)


def wait(path: str, model: type[R], poll: PollPolicy, retry: RetryPolicy) -> Op[R]:
    """Polls until the resource finishes. Interrupted, it cancels the resource and re-raises."""
    delay = poll.first_seconds
    try:
        current = yield from get(path, model, retry)
        while current.status in UNFINISHED:
            yield Sleep(delay)
            delay = min(delay * poll.growth, poll.max_seconds)
            current = yield from get(path, model, retry)
    except (KeyboardInterrupt, asyncio.CancelledError):
        yield from cancel(path, model, retry)
        raise
    return current
