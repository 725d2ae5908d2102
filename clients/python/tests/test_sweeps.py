"""client.sweeps against a real embedded service: run a sweep to its rows and CSV, cancel, delete."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import Service

from precipitate import Client, NotFound
from precipitate.aio import AsyncClient
from precipitate.models import Sweep, SweepResults


def sweep(temperatures: list[float], hours: float = 1.0) -> dict[str, Any]:
    return {
        "base": {
            "composition": {"MG": 0.0072, "SI": 0.0057},
            "temperature_profile": {"time_points_hours": [0], "temperatures_celsius": [180]},
            "simulation_time_hours": hours,
        },
        "axes": [{"name": "T", "path": "/isothermal_temperature_celsius", "values": temperatures}],
    }


def test_a_sweep_runs_to_its_rows_and_csv(client: Client) -> None:
    done = client.sweeps.run(sweep([152, 172, 192]))
    assert isinstance(done, SweepResults) and done.status == "completed"
    assert done.axes == ["T"]
    assert [r.axis_values for r in done.rows] == [[152], [172], [192]]
    assert all(r.curves is not None and r.curves.time_hours[-1] == 1.0 for r in done.rows)
    state = client.sweeps.get(done.id)
    assert state.progress.runs_done == 3 and [r.index for r in state.table] == [0, 1, 2]
    csv = client.sweeps.results(done.id, format="csv")
    assert isinstance(csv, str)
    lines = csv.strip().split("\n")
    assert lines[0].startswith("run,T,peak_yield_strength_mpa") and len(lines) == 4
    assert lines[2].split(",")[2] == repr(done.rows[1].peak_yield_strength_mpa)
    client.sweeps.delete(done.id)
    with pytest.raises(NotFound):
        client.sweeps.get(done.id)


def test_a_sweep_is_cancelled_with_its_runs(client: Client) -> None:
    started = client.sweeps.start(sweep([141 + 4 * i for i in range(20)], hours=100))
    assert isinstance(started, Sweep) and started.progress.runs_total == 20
    cancelled = client.sweeps.cancel(started)
    assert cancelled is not None and cancelled.status == "cancelled"
    assert cancelled.progress.runs_cancelled is not None and cancelled.progress.runs_cancelled > 0


def test_the_async_client_runs_a_sweep(service: Service) -> None:
    async def main() -> SweepResults:
        async with AsyncClient(service.url) as client:
            return await client.sweeps.run(sweep([153, 173]))

    done = asyncio.run(main())
    assert [r.axis_values for r in done.rows] == [[153], [173]]
