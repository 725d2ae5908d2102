"""client.calibrations against a real embedded service: a small calibration to its result, cancel, delete."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import Service

from precipitate import Calibration, CalibrationResults, Client, NotFound
from precipitate.aio import AsyncClient


def calibration(steps: int = 2) -> dict[str, Any]:
    return {
        "base": {"phases": ["MGSI_B_P"]},
        "experiments": [
            {
                "name": "short",
                "composition": {"MG": 0.5, "SI": 0.435},
                "composition_unit": "weight_percent",
                "temperature_profile": {"time_points_hours": [0], "temperatures_celsius": [180]},
                "simulation_time_hours": 4,
                "observations": [
                    {"time_hours": 1, "yield_strength_mpa": 45, "sd": 5},
                    {"time_hours": 4, "yield_strength_mpa": 115, "sd": 5},
                ],
            }
        ],
        "parameters": [{"name": "energy", "path": "/config/interfacial_energy/MGSI_B_P", "min": 0.15, "max": 0.22}],
        "method": {"seed": 2, "max_evaluations": 8, "walkers": 4, "steps": steps, "burn_in": 1},
    }


def test_a_calibration_runs_to_its_result(client: Client) -> None:
    done = client.calibrations.run(calibration())
    assert isinstance(done, CalibrationResults)
    assert 0.15 <= done.best.values["energy"] <= 0.22
    assert done.best.request_config["interfacial_energy"]["MGSI_B_P"] == done.best.values["energy"]
    assert done.posterior is not None and done.posterior.samples == 4 * 2


def test_a_calibration_is_cancelled_then_deleted(client: Client) -> None:
    started = client.calibrations.start(calibration(steps=2000))
    assert isinstance(started, Calibration) and started.progress.runs_planned == 8 + 4 * 2002
    cancelled = client.calibrations.cancel(started)
    assert cancelled is not None and cancelled.status == "cancelled"
    client.calibrations.delete(started)
    with pytest.raises(NotFound):
        client.calibrations.get(started.id)


def test_the_async_client_runs_a_calibration(service: Service) -> None:
    async def main() -> tuple[CalibrationResults, Calibration]:
        async with AsyncClient(service.url) as client:
            started = await client.calibrations.start(calibration())
            return await client.calibrations.wait(started), await client.calibrations.get(started)

    done, state = asyncio.run(main())
    assert done.best.chi_squared >= 0
    assert state.status == "completed" and state.progress.phase == "finished"
