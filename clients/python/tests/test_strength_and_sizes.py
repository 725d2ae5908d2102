"""The strength model's summary (config.strength) and size distributions at chosen times (output)."""

from __future__ import annotations

import pytest
from conftest import short_request
from openapi_check import unknown_fields

from precipitate import Client, SimulationRequest
from precipitate.models import Output


def test_kawin_strength_fills_the_breakdown_and_the_summary(client: Client) -> None:
    result = client.simulate(short_request(3.0, 180, config={"strength": {"model": "kawin"}}), progress=False)
    s = result.results.summary
    assert unknown_fields(result.job) == []  # the kawin model's answer holds no field the client lacks
    assert s.strength_model == "kawin"
    assert s.precipitation_strength_mpa is not None and s.precipitation_strength_mpa > 0
    assert s.solid_solution_strength_mpa is not None and s.base_strength_mpa is not None
    assert s.hardness_hv is not None and s.hardness_hv > 0
    assert {p.mechanism for p in s.phases} <= {"bypass", "weak_shearing", "strong_shearing"}
    assert isinstance(s.peak_reached, bool)
    assert s.peak_reached == (s.peak_yield_strength_time_hours < s.final_time_hours)
    assert result.figure("strength", format="svg").startswith(b"<svg")
    series = result.series
    assert series["hardness_hv"].iloc[-1] == pytest.approx(s.hardness_hv)


def test_size_distributions_at_the_times_asked_for(client: Client) -> None:
    output = {"size_distribution_times_hours": [0.5, 1.0], "time_axis": "linear"}
    request = short_request(2.0, 185, output=output)
    assert request.output == Output(size_distribution_times_hours=[0.5, 1.0], time_axis="linear")
    result = client.simulate(request, progress=False)
    assert unknown_fields(result.job) == []
    sizes = result.size_distributions
    assert sizes is not None
    table = sizes["MG5SI6_B_DP"]
    requested = table.drop_duplicates("time_h")
    assert list(requested["requested_time_h"].fillna(-1)) == [0.5, 1.0, -1]
    assert list(requested["final"]) == [False, False, True]
    assert (requested["time_h"].iloc[:2] >= [0.5, 1.0]).all() and requested["time_h"].iloc[-1] == 2.0
    assert (table["radius_lower_nm"] < table["radius_nm"]).all() and (
        table["radius_nm"] < table["radius_upper_nm"]
    ).all()
    assert result.figure("size_distribution").startswith(b"\x89PNG")


def test_a_bad_output_field_is_caught_before_sending() -> None:
    with pytest.raises(ValueError, match="time_axis\n  Input should be 'log' or 'linear'"):
        SimulationRequest.isothermal(0.0072, 0.0057, 180, 1.0, output={"time_axis": "cubic"})
