"""Client against a real embedded service: simulate, results as DataFrames, figures, jobs."""

from __future__ import annotations

import _thread
import json
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import Service, long_request, short_request

from precipitate import Client, Conflict, Job, JobFailed, NotFound, Result


def test_simulate_waits_and_returns_the_result_as_dataframes(client: Client) -> None:
    polled: list[Job] = []
    result = client.simulate(short_request(2.5), progress=polled.append)
    assert isinstance(result, Result)
    assert polled[0].status in ("pending", "running", "completed") and polled[-1].status == "completed"
    summary = result.summary
    assert summary["final_time_hours"] == 2.5
    assert [p["name"] for p in summary["phases"]] == ["MGSI_B_P", "MG5SI6_B_DP", "B_PRIME_L", "U1_PHASE", "U2_PHASE"]
    row = result.summary_frame
    assert list(row.index) == [result.job_id] and len(row) == 1
    assert row.loc[result.job_id, "total_yield_strength_mpa"] == summary["total_yield_strength_mpa"]
    assert row.loc[result.job_id, "MG5SI6_B_DP_diameter_nm"] == summary["phases"][1]["diameter_nm"]
    assert row.loc[result.job_id, "x_MG"] == summary["matrix_composition"]["MG"]

    series = result.series
    raw = result.results.series
    assert series.index.name == "time_h" and list(series.index) == raw.time_hours
    assert series.index[-1] == 2.5 and len(series) == raw.points
    assert list(series["MG5SI6_B_DP_number_density_per_m3"]) == raw.phases["MG5SI6_B_DP"].number_density_per_m3
    assert list(series["x_SI"]) == raw.matrix_composition["SI"]
    assert {"temperature_c", "total_yield_strength_mpa", "MGSI_B_P_diameter_nm"} <= set(series.columns)
    assert series["total_yield_strength_mpa"].iloc[-1] == pytest.approx(summary["total_yield_strength_mpa"])
    sizes = result.size_distributions
    assert sizes is not None and sorted(sizes) == sorted(raw.phases)
    final = sizes["MG5SI6_B_DP"]
    assert list(final["time_h"].unique()) == [2.5] and final["final"].all()
    assert final["number_density_per_m3"].sum() == pytest.approx(
        summary["phases"][1]["number_density_per_m3"], rel=1e-6
    )
    assert result.engine["kernel"] in ("wasm", "js")


def test_figures_show_in_a_notebook_and_save_writes_every_file(client: Client, tmp_path: Path) -> None:
    result = client.simulate(short_request(2.0, 185), progress=False)
    assert isinstance(result, Result)
    assert result.figures == [
        "precipitation",
        "yield_strength",
        "orowan",
        "size",
        "volume_fraction",
        "strength",
        "size_distribution",
    ]
    png = result.figure("precipitation")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png._repr_png_() == bytes(png) and png._repr_svg_() is None
    svg = result.figure("yield_strength_plot", format="svg")
    assert (svg._repr_svg_() or "").startswith("<svg") and svg._repr_png_() is None
    with pytest.raises(KeyError):
        result.figure("no_such")
    written = result.save(tmp_path / "run")
    names = sorted(p.name for p in written)
    assert "precipitate_size.svg" in names and "volume_fraction.png" in names and "results.csv" in names
    assert "strength_breakdown.svg" in names and "size_distribution.png" in names
    assert "size_distributions.json" in names and "size_distributions.csv" in names
    assert len(names) == 2 + 7 * 2 + 4
    saved = pd.read_csv(tmp_path / "run" / "series.csv", index_col="time_h")
    assert saved.shape == result.series.shape
    assert json.loads((tmp_path / "run" / "summary.json").read_text()) == result.summary
    assert (tmp_path / "run" / "orowan_strength.png").read_bytes() == bytes(result.figure("orowan"))


def test_simulate_without_waiting_then_wait_result_and_download(client: Client) -> None:
    job = client.simulate(short_request(1.2), wait=False)
    assert isinstance(job, Job) and job.status in ("pending", "running", "completed")
    result = client.wait(job.job_id, progress=False)
    assert result.job is not None and result.job.status == "completed"
    again = client.result(job.job_id)
    assert again.summary == result.summary
    header = client.download(job, "raw_csv").split(b"\n", 1)[0].split(b",")
    assert header[:4] == [b"time_h", b"temperature_c", b"x_MG", b"x_SI"]
    assert b"time_s" not in header and b"temperature_k" not in header  # the tidy CSV has no SI columns


def test_submit_returns_the_estimate_and_a_cached_rerun(client: Client) -> None:
    request = short_request(1.3)
    first = client.wait(client.submit(request), progress=False)
    accepted = client.submit(request)
    assert accepted.cached is True and accepted.status == "completed" and accepted.estimated_duration_seconds == 0
    assert client.result(accepted).summary == first.summary


def test_the_same_idempotency_key_gives_the_same_job(client: Client) -> None:
    a = client.simulate(short_request(1.4), wait=False, idempotency_key="nb-7-alloy-3")
    b = client.simulate(short_request(1.4), wait=False, idempotency_key="nb-7-alloy-3")
    assert isinstance(a, Job) and isinstance(b, Job) and a.job_id == b.job_id


def test_tqdm_progress_bar_on_stderr(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    result = client.simulate(short_request(1.6))
    err = capsys.readouterr().err
    assert f"job {result.job_id[:8]}" in err and "100%" in err and "status=completed" in err


def test_jobs_list_get_pages_and_iterate(client: Client) -> None:
    made = [client.simulate(short_request(0.5 + i / 10), wait=False) for i in range(3)]
    ids = [j.job_id for j in made if isinstance(j, Job)]
    page = client.jobs.list(limit=2)
    assert len(page.jobs) == 2 and page.next_cursor is not None
    assert {j.job_id for j in page.jobs} <= set(ids) and page.jobs[0].created_at >= page.jobs[1].created_at
    pages = list(client.jobs.pages(page_size=1))
    assert all(len(p.jobs) == 1 for p in pages) and pages[-1].next_cursor is None
    every = [j.job_id for j in client.jobs.iter(page_size=2)]
    assert every == [p.jobs[0].job_id for p in pages] and set(ids) <= set(every)
    assert [j.job_id for j in client.jobs] == every
    for job_id in ids:
        client.wait(job_id, progress=False)
    assert client.jobs.get(ids[0]).status == "completed"
    completed = client.jobs.list(status="completed", limit=100).jobs
    assert set(ids) <= {j.job_id for j in completed} and all(j.status == "completed" for j in completed)


def test_cancel_a_running_job_and_leave_a_finished_one(client: Client) -> None:
    job = client.simulate(long_request(1), wait=False)
    assert isinstance(job, Job)
    cancelled = client.jobs.cancel(job)
    assert cancelled is not None and cancelled.status == "cancelled"
    assert client.jobs.get(job.job_id).status == "cancelled"
    with pytest.raises(Conflict) as raised:
        client.result(job.job_id)
    assert raised.value.job_status == "cancelled"
    with pytest.raises(JobFailed) as failed:
        client.wait(job.job_id, progress=False)
    assert failed.value.status == "cancelled"
    done = client.simulate(short_request(0.8), progress=False)
    assert isinstance(done, Result)
    kept = client.jobs.cancel(done.job_id)
    assert kept is not None and kept.status == "completed"
    assert client.result(done.job_id).summary == done.summary


def test_delete_removes_finished_and_unfinished_jobs(client: Client) -> None:
    done = client.simulate(short_request(0.9), progress=False)
    running = client.simulate(long_request(2), wait=False)
    assert isinstance(done, Result) and isinstance(running, Job)
    for job_id in (done.job_id, running.job_id):
        client.jobs.delete(job_id)
        with pytest.raises(NotFound):
            client.jobs.get(job_id)
    with pytest.raises(NotFound):
        client.download(done.job_id, "raw_csv")


def test_ctrl_c_while_waiting_cancels_the_job(client: Client) -> None:
    seen: list[Job] = []
    timer: list[threading.Timer] = []

    def press_ctrl_c_once_running(job: Job) -> None:
        seen.append(job)
        if job.status == "running" and not timer:
            timer.append(threading.Timer(0.3, _thread.interrupt_main))  # SIGINT, as Ctrl-C sends
            timer[0].start()

    with pytest.raises(KeyboardInterrupt):
        client.simulate(long_request(3), progress=press_ctrl_c_once_running)
    assert client.jobs.get(seen[-1].job_id).status == "cancelled"


def test_a_job_cancelled_elsewhere_raises_job_failed(service: Service, client: Client) -> None:
    job = client.simulate(long_request(4), wait=False)
    assert isinstance(job, Job)
    with Client(service.url) as other:
        threading.Timer(0.5, lambda: other.jobs.cancel(job.job_id)).start()
        with pytest.raises(JobFailed) as failed:
            client.wait(job, progress=False)
    assert failed.value.job.status == "cancelled" and failed.value.job.job_id == job.job_id
