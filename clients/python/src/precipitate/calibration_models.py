"""Typed answers of the calibration routes (POST /calibrations and after); checked against the OpenAPI
document by tests/test_openapi_models.py like every other model."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from .models import JobStatus, _Answer


class CalibrationProgress(_Answer):
    phase: Literal["queued", "optimise", "sample", "finished"]
    done: int
    total: int
    runs_done: int
    runs_planned: int
    best_chi_squared: float | None


class CalibrationLinks(_Answer):
    self_: str | None = Field(default=None, alias="self")
    results: str | None = None


class Calibration(_Answer):
    id: str
    status: JobStatus
    progress: CalibrationProgress
    attempt: int
    error: str | None = None
    created_at: datetime
    completed_at: datetime | None = None
    links: CalibrationLinks


class CalibrationBest(_Answer):
    values: dict[str, float]
    request_config: dict[str, Any]
    chi_squared: float
    evaluations: int | None = None
    restarts: int | None = None


class CalibrationCorrelation(_Answer):
    paths: list[str] | None = None
    matrix: list[list[float]] | None = None


class CalibrationPosterior(_Answer):
    samples: int | None = None
    walkers: int | None = None
    steps: int | None = None
    acceptance_fraction: float | None = None
    median: dict[str, float] | None = None
    interval_90: dict[str, list[float]] | None = None
    correlation: CalibrationCorrelation | None = None
    draws: list[list[float]] | None = None


class CalibrationFit(_Answer):
    rms: dict[str, float] | None = None
    per_experiment: list[dict[str, Any]] | None = None


class CalibrationRuns(_Answer):
    total: int | None = None
    failed: int | None = None
    seconds: float | None = None
    runs_per_second: float | None = None
    engine_seconds: float | None = None


class CalibrationResults(_Answer):
    """The CLI's ``precipitate calibrate --json`` document."""

    best: CalibrationBest
    posterior: CalibrationPosterior | None
    fit: CalibrationFit
    runs: CalibrationRuns
