"""Typed models of the service's request and answers.

tests/test_openapi_models.py checks them against the service's OpenAPI document (every property, its
type, enum values and whether it is required) and against live answers (no field the models lack), so
that a field the service gains and the client lacks fails the tests.

Requests forbid unknown fields (a typo is caught before sending). Answers keep unknown fields
(``model_extra``) instead of rejecting them, so that an older client still reads a newer service.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

PhaseName = Literal["MGSI_B_P", "MG5SI6_B_DP", "B_PRIME_L", "U1_PHASE", "U2_PHASE"]
CompositionUnit = Literal["mole_fraction", "atomic_percent", "weight_percent"]
JobStatus = Literal["pending", "running", "completed", "failed", "cancelled"]
UNFINISHED: tuple[JobStatus, ...] = ("pending", "running")


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    # Fields the client reads although the OpenAPI document does not list them (yet): "field: why".
    UNDOCUMENTED: ClassVar[dict[str, str]] = {}


# --- the request (the engine's schema, shared by API, CLI and page) ---


class Composition(_Request):
    MG: float
    SI: float


class TemperatureProfile(_Request):
    time_points_hours: list[float]
    temperatures_celsius: list[float]


class AspectRatio(_Request):
    prefactor: float | None = None
    exponent: float | None = None


class Dislocation(_Request):
    shear_modulus_gpa: float | None = None
    burgers_vector_nm: float | None = None
    poisson_ratio: float | None = None


class InterfacialEnergy(_Request):
    MGSI_B_P: float | None = None
    MG5SI6_B_DP: float | None = None
    B_PRIME_L: float | None = None
    U1_PHASE: float | None = None
    U2_PHASE: float | None = None


class MobilityFactor(_Request):
    """Factor on each solute's atomic mobility (calibration: kawin's mobility correction; default 1)."""

    MG: float | None = None
    SI: float | None = None


class NucleationSiteFactor(InterfacialEnergy):
    """Factor on the bulk nucleation-site density of each phase (default 1)."""


class StrengthContribution(_Request):
    """A shearing contribution of kawin's strength model; only the fields of its type are allowed."""

    type: Literal["coherency", "modulus", "anti_phase_boundary", "stacking_fault", "interfacial"]
    phase: PhaseName | None = None
    misfit_strain: float | None = None
    precipitate_shear_modulus_gpa: float | None = None
    energy_j_per_m2: float | None = None
    matrix_energy_j_per_m2: float | None = None
    precipitate_energy_j_per_m2: float | None = None


class SoluteValues(_Request):
    MG: float | None = None
    SI: float | None = None


class SolidSolution(_Request):
    weights_pa: SoluteValues | None = None
    exponents: SoluteValues | None = None


class Hardness(_Request):
    slope_hv_per_mpa: float | None = None
    intercept_hv: float | None = None


class StrengthConfig(_Request):
    model: Literal["seed_orowan", "kawin"] | None = None
    contributions: list[StrengthContribution] | None = None
    solid_solution: SolidSolution | None = None
    base_strength_mpa: float | None = None
    hardness: Hardness | None = None


class ModelConfig(_Request):
    aspect_ratio: AspectRatio | None = None
    dislocation: Dislocation | None = None
    interfacial_energy: InterfacialEnergy | None = None
    taylor_factor: float | None = None
    strength: StrengthConfig | None = None
    mobility_factor: MobilityFactor | None = None
    nucleation_site_factor: NucleationSiteFactor | None = None


class Output(_Request):
    full_series: bool | None = None
    time_axis: Literal["log", "linear"] | None = None
    size_distribution_times_hours: list[float] | None = None


class SimulationRequest(_Request):
    composition: Composition
    composition_unit: CompositionUnit | None = None
    temperature_profile: TemperatureProfile
    simulation_time_hours: float
    phases: list[PhaseName] | None = None
    max_points: int | None = None
    config: ModelConfig | None = None
    output: Output | None = None

    @classmethod
    def isothermal(
        cls,
        mg: float,
        si: float,
        temperature_c: float,
        hours: float,
        unit: CompositionUnit = "mole_fraction",
        **fields: Any,
    ) -> SimulationRequest:
        """Ageing at one temperature for `hours`."""
        return cls.model_validate(
            {
                "composition": {"MG": mg, "SI": si},
                "composition_unit": unit,
                "temperature_profile": {"time_points_hours": [0], "temperatures_celsius": [temperature_c]},
                "simulation_time_hours": hours,
                **fields,
            }
        )

    def to_json(self) -> dict[str, Any]:
        """The body sent to the service: unset fields left to the service's defaults."""
        return self.model_dump(exclude_none=True)


# --- answers ---


class Progress(_Answer):
    fraction: float | None = None
    simulated_hours: float | None = None
    steps: int | None = None


class Files(_Answer):
    precipitation_plot: str | None = None
    yield_strength_plot: str | None = None
    orowan_plot: str | None = None
    size_plot: str | None = None
    volume_fraction_plot: str | None = None
    strength_plot: str | None = None
    raw_data: str | None = None
    raw_csv: str | None = None
    size_distribution_plot: str | None = None
    size_distributions_json: str | None = None
    size_distributions_csv: str | None = None


FileState = Literal["ready", "missing"]


class FileStatus(_Answer):
    precipitation_plot: FileState | None = None
    yield_strength_plot: FileState | None = None
    orowan_plot: FileState | None = None
    size_plot: FileState | None = None
    volume_fraction_plot: FileState | None = None
    strength_plot: FileState | None = None
    raw_data: FileState | None = None
    raw_csv: FileState | None = None
    size_distribution_plot: FileState | None = None
    size_distributions_json: FileState | None = None
    size_distributions_csv: FileState | None = None


class Engine(_Answer):
    version: str | None = None
    kernel: str | None = None
    database_sha256: str | None = None


class PhaseSummary(_Answer):
    name: str
    diameter_nm: float
    aspect_ratio: float
    major_axis_nm: float
    number_density_per_m3: float
    volume_fraction: float
    crss_mpa: float
    yield_strength_mpa: float
    mechanism: Literal["bypass", "weak_shearing", "strong_shearing"] | None = None


class Summary(_Answer):
    final_time_hours: float
    matrix_composition: dict[str, float]
    phases: list[PhaseSummary]
    total_crss_mpa: float
    total_yield_strength_mpa: float
    peak_yield_strength_mpa: float
    peak_yield_strength_time_hours: float
    strength_model: Literal["seed_orowan", "kawin"] | None = None
    precipitation_strength_mpa: float | None = None
    solid_solution_strength_mpa: float | None = None
    base_strength_mpa: float | None = None
    hardness_hv: float | None = None
    peak_reached: bool | None = None


class PhaseSeries(_Answer):
    number_density_per_m3: list[float]
    mean_radius_nm: list[float]
    diameter_nm: list[float]
    major_axis_nm: list[float]
    volume_fraction: list[float]
    crss_mpa: list[float]
    yield_strength_mpa: list[float]


class Series(_Answer):
    points: int
    recorded_points: int
    time_hours: list[float]
    temperature_c: list[float]
    matrix_composition: dict[str, list[float]]
    phases: dict[str, PhaseSeries]
    total_crss_mpa: list[float]
    total_yield_strength_mpa: list[float]
    precipitation_strength_mpa: list[float] | None = None
    solid_solution_strength_mpa: list[float] | None = None
    base_strength_mpa: list[float] | None = None
    hardness_hv: list[float] | None = None
    mechanism: dict[str, list[str]] | None = None


class Results(_Answer):
    summary: Summary
    series: Series
    engine: Engine | None = None
    timing: dict[str, Any] | None = None
    files: Files
    file_status: FileStatus | None = None
    files_error: str | None = None


class Job(_Answer):
    UNDOCUMENTED: ClassVar[dict[str, str]] = {
        "request": "the service sends the submitted request; its OpenAPI job schema omits it",
    }
    job_id: str
    status: JobStatus
    created_at: datetime
    started_at: datetime | None = None
    completed_at: datetime | None = None
    progress: Progress
    cached: bool | None = None
    error: str | None = None
    results: Results | None = None
    request: dict[str, Any] | None = None

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED


class Accepted(_Answer):
    job_id: str
    status: JobStatus
    created_at: datetime
    estimated_duration_seconds: int
    cached: bool | None = None


class JobPage(_Answer):
    jobs: list[Job]
    next_cursor: str | None


class FieldError(_Answer):
    in_: Literal["body", "query", "path", "header"] | None = Field(default=None, alias="in")
    pointer: str = ""
    detail: str = ""


class Problem(_Answer):
    UNDOCUMENTED: ClassVar[dict[str, str]] = {
        "job_status": "409 answers carry it; the OpenAPI problem schema omits it",
    }
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None
    job_status: str | None = None


class Check(_Answer):
    status: Literal["up", "down"] | None = None
    latency_ms: float | None = None
    error: str | None = None


class Checks(_Answer):
    database: Check | None = None
    queue: Check | None = None
    storage: Check | None = None


class Limits(_Answer):
    max_simulation_time_hours: float | None = None


class Health(_Answer):
    status: Literal["ok"] | None = None
    checks: Checks | None = None
    engine: dict[str, Any] | None = None
    adapters: dict[str, Any] | None = None
    auth: Literal["api-key", "off"] | None = None
    limits: Limits | None = None


# --- sweeps (POST /sweeps; the client has no sweep methods yet: these read the HTTP API's answers) ---


class SweepRowPhase(_Answer):
    name: str | None = None
    number_density_per_m3: float | None = None
    mean_radius_nm: float | None = None
    volume_fraction: float | None = None


class SweepCurves(_Answer):
    time_hours: list[float] | None = None
    yield_strength_mpa: list[float] | None = None
    volume_fraction: list[float] | None = None


class SweepRow(_Answer):
    index: int
    axis_values: list[float]
    peak_yield_strength_mpa: float | None = None
    peak_time_hours: float | None = None
    time_to_90_percent_peak_hours: float | None = None
    peak_at_end: bool | None = None
    final_yield_strength_mpa: float | None = None
    final_hardness_hv: float | None = None
    phases: list[SweepRowPhase] | None = None
    steps: int | None = None
    engine_ms: float | None = None
    curves: SweepCurves | None = None
    error: str | None = None


class SweepAxis(_Answer):
    name: str | None = None
    values: list[float] | None = None


class SweepProgress(_Answer):
    runs_done: int | None = None
    runs_total: int | None = None
    runs_failed: int | None = None
    runs_cancelled: int | None = None
    fraction: float | None = None


class SweepLinks(_Answer):
    self_: str | None = Field(default=None, alias="self")
    results: str | None = None


class Sweep(_Answer):
    id: str
    status: JobStatus
    axes: list[SweepAxis]
    progress: SweepProgress
    created_at: datetime
    completed_at: datetime | None = None
    error: str | None = None
    """A failed sweep (every run failed): the first run's error."""
    table: list[SweepRow]
    links: SweepLinks


class SweepResults(_Answer):
    id: str
    status: JobStatus
    axes: list[str]
    rows: list[SweepRow]
    failed: list[SweepRow]
