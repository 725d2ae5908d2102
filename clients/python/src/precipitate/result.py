"""A completed simulation: summary, series and size distributions as pandas DataFrames, and figures."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from .models import Job, Results

FIGURE_SUFFIX = "_plot"
FORMATS = ("png", "svg")
# Data files that save() writes besides the figures: the run data and the size distributions.
DATA_FILES = ("raw_data", "raw_csv", "size_distributions_json", "size_distributions_csv")


class Figure(bytes):
    """A figure's bytes (PNG or SVG); a notebook shows it."""

    name: str
    format: str

    def __new__(cls, data: bytes, name: str, format: str) -> Figure:
        figure = super().__new__(cls, data)
        figure.name = name
        figure.format = format
        return figure

    def _repr_png_(self) -> bytes | None:
        return bytes(self) if self.format == "png" else None

    def _repr_svg_(self) -> str | None:
        return self.decode("utf-8") if self.format == "svg" else None

    def __repr__(self) -> str:
        return f"<Figure {self.name}.{self.format}, {len(self)} bytes>"


def series_frame(series: dict[str, Any]) -> pd.DataFrame:
    """The compact series, one row per recorded time, indexed by time in hours (time_h).

    Columns carry their unit: temperature_c, x_MG (matrix mole fraction), {PHASE}_{quantity}
    (e.g. MG5SI6_B_DP_number_density_per_m3, MGSI_B_P_diameter_nm), total_yield_strength_mpa."""
    times = series["time_hours"]
    n = len(times)
    columns: dict[str, list[float]] = {}
    for key, values in series.items():
        if key == "time_hours":
            continue
        if key == "matrix_composition":
            columns.update({f"x_{element}": v for element, v in values.items()})
        elif key == "phases":
            for phase, quantities in values.items():
                columns.update({f"{phase}_{q}": v for q, v in quantities.items() if len(v) == n})
        elif isinstance(values, list) and len(values) == n:
            columns[key] = values
    frame = pd.DataFrame(columns, index=pd.Index(times, name="time_h", dtype=float))
    return frame


def summary_row(summary: dict[str, Any], label: str) -> pd.DataFrame:
    """The final state as one row: x_MG, {PHASE}_{quantity}, totals and the peak."""
    row: dict[str, Any] = {}
    for key, value in summary.items():
        if key == "matrix_composition":
            row.update({f"x_{element}": v for element, v in value.items()})
        elif key == "phases":
            for phase in value:
                row.update({f"{phase['name']}_{q}": v for q, v in phase.items() if q != "name"})
        else:
            row[key] = value
    return pd.DataFrame([row], index=pd.Index([label], name="job_id"))


def size_distribution_frames(csv: bytes) -> dict[str, pd.DataFrame]:
    """Per phase, its size distributions from the service's size_distributions.csv: one row per reported
    time and size bin (time_h, requested_time_h, final, temperature_c, bin, radius_lower_nm, radius_nm,
    radius_upper_nm, number_density_per_m3 in each bin)."""
    # Densities are floats even when written as integers too large for int64 (2.4e23 as 24 digits).
    table = pd.read_csv(io.BytesIO(csv), dtype={"number_density_per_m3": float})
    return {
        str(phase): rows.drop(columns="phase").reset_index(drop=True)
        for phase, rows in table.groupby("phase", sort=False)
    }


class Result:
    """A completed job's results. Figures and raw files are downloaded when first asked for."""

    def __init__(self, job_id: str, results: Results, fetch: Callable[[str], bytes], job: Job | None = None):
        self.job_id = job_id
        self.job = job
        self.results = results
        self._fetch = fetch
        self._files: dict[str, bytes] = {}
        self._series: pd.DataFrame | None = None

    @property
    def summary(self) -> dict[str, Any]:
        """The final state: matrix composition, per-phase size and strength, totals, peak."""
        return self.results.summary.model_dump()

    @property
    def summary_frame(self) -> pd.DataFrame:
        """The summary as a one-row DataFrame indexed by job id (concat several to compare runs)."""
        return summary_row(self.summary, self.job_id)

    @property
    def series(self) -> pd.DataFrame:
        if self._series is None:
            self._series = series_frame(self.results.series.model_dump())
        return self._series.copy()

    @property
    def size_distributions(self) -> dict[str, pd.DataFrame] | None:
        """Per phase, the particle size distribution at the final state and at each time asked for in
        output.size_distribution_times_hours (downloaded once); None when the job offers no such file."""
        if self.results.files.size_distributions_csv is None:
            return None
        return size_distribution_frames(self.file("size_distributions_csv"))

    @property
    def engine(self) -> dict[str, Any]:
        return self.results.engine.model_dump(exclude_none=True) if self.results.engine else {}

    @property
    def figures(self) -> list[str]:
        """Names of the figures: precipitation, yield_strength, orowan, size, volume_fraction, strength
        (the strength breakdown) and size_distribution."""
        files = self.results.files.model_dump(exclude_none=True)
        return [k.removesuffix(FIGURE_SUFFIX) for k in files if k.endswith(FIGURE_SUFFIX)]

    def _file_name(self, key: str) -> str:
        url = self.results.files.model_dump(exclude_none=True).get(key)
        if url is None:
            raise KeyError(f"job {self.job_id} has no file {key!r}; it has {self.figures}")
        return PurePosixPath(urlparse(url).path).name

    def file(self, name: str) -> bytes:
        """A result file by key of results.files (raw_csv, precipitation_plot) or by file name."""
        stored = self._file_name(name) if "." not in name else name
        if stored not in self._files:
            self._files[stored] = self._fetch(stored)
        return self._files[stored]

    def figure(self, name: str, format: str = "png") -> Figure:
        """A figure (e.g. "precipitation", "yield_strength") as PNG or SVG bytes."""
        if format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
        key = name if name.endswith(FIGURE_SUFFIX) else name + FIGURE_SUFFIX
        stem = PurePosixPath(self._file_name(key)).stem
        return Figure(self.file(f"{stem}.{format}"), name.removesuffix(FIGURE_SUFFIX), format)

    def save(self, directory: str | Path, formats: Iterable[str] = FORMATS) -> list[Path]:
        """Writes summary.json, series.csv, every figure in each format, results.json, results.csv,
        size_distributions.json and size_distributions.csv."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = [out / "summary.json", out / "series.csv"]
        written[0].write_text(json.dumps(self.summary, indent=2))
        self.series.to_csv(written[1])
        for name in self.figures:
            for fmt in formats:
                figure = self.figure(name, fmt)
                path = out / f"{PurePosixPath(self._file_name(name + FIGURE_SUFFIX)).stem}.{fmt}"
                path.write_bytes(figure)
                written.append(path)
        for key in DATA_FILES:
            if getattr(self.results.files, key):
                path = out / self._file_name(key)
                path.write_bytes(self.file(key))
                written.append(path)
        return written

    def __repr__(self) -> str:
        s = self.results.summary
        return (
            f"<Result {self.job_id}: {s.final_time_hours:g} h, yield strength "
            f"{s.total_yield_strength_mpa:.1f} MPa (peak {s.peak_yield_strength_mpa:.1f} MPa "
            f"at {s.peak_yield_strength_time_hours:.3g} h)>"
        )
