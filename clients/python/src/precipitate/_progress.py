"""Progress while waiting for a job: a tqdm bar (a widget in a notebook), a callable, or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Job

Progress = bool | Callable[[Job], None] | None


def _new_bar(**kwargs: Any) -> Any:
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]

        return tqdm(**kwargs)
    except ImportError:  # a notebook without ipywidgets: the text bar
        from tqdm.std import tqdm  # type: ignore[import-untyped]

        return tqdm(**kwargs)


class _Bar:
    """Percent of the simulated time, with simulated hours and steps as postfix."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, job: Job) -> None:
        if self._bar is None:
            self._bar = _new_bar(
                total=100.0,
                desc=f"job {job.job_id[:8]}",
                bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}{postfix}]",
            )
        fraction = job.progress.fraction or 0.0
        if job.status == "completed":
            fraction = 1.0
        self._bar.n = round(100.0 * fraction, 2)
        self._bar.set_postfix(
            status=job.status, hours=f"{job.progress.simulated_hours or 0:.3g}", steps=job.progress.steps or 0
        )
        if job.finished:
            self._bar.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class Hook:
    """What follow() calls with each polled job; close() ends a bar left open by an interruption."""

    def __init__(self, progress: Progress) -> None:
        self._bar = _Bar() if progress is True else None
        self._call: Callable[[Job], None] | None = progress if callable(progress) else None

    def __call__(self, job: Job) -> None:
        if self._bar is not None:
            self._bar(job)
        if self._call is not None:
            self._call(job)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
