"""AsyncClient against a real embedded service: the same methods, awaited; task cancellation cancels."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from conftest import Service, long_request, short_request

from precipitate import AsyncClient, Job, NotFound, Result, ValidationFailed

T = TypeVar("T")


def run(service: Service, body: Callable[[AsyncClient], Awaitable[T]]) -> T:
    async def main() -> T:
        async with AsyncClient(service.url) as c:
            return await body(c)

    return asyncio.run(main())


def test_simulate_concurrently_and_read_results(service: Service) -> None:
    async def body(c: AsyncClient) -> list[Result]:
        runs = [c.simulate(short_request(1.0, t), progress=False) for t in (160, 200)]
        return list(await asyncio.gather(*runs))  # type: ignore[arg-type]

    low, high = run(service, body)
    assert low.summary["final_time_hours"] == high.summary["final_time_hours"] == 1.0
    assert set(low.series["temperature_c"]) == {160} and set(high.series["temperature_c"]) == {200}
    assert low.figure("precipitation").startswith(b"\x89PNG")  # fetched with a blocking request
    assert low.summary != high.summary


def test_submit_wait_result_download_and_health(service: Service) -> None:
    async def body(c: AsyncClient) -> tuple[Result, Result, bytes, str | None, dict]:
        accepted = await c.submit(short_request(1.1))
        followed = await c.wait(accepted, progress=False)
        again = await c.result(accepted.job_id)
        csv = await c.download(accepted.job_id, "results.csv")
        return followed, again, csv, (await c.health()).status, await c.openapi()

    followed, again, csv, health, document = run(service, body)
    assert followed.summary == again.summary and csv.startswith(b"time_h,temperature_c,")
    assert health == "ok" and document["openapi"].startswith("3.1")


def test_jobs_list_pages_iterate_get_cancel_delete(service: Service) -> None:
    async def body(c: AsyncClient) -> None:
        made = [await c.simulate(short_request(0.4 + i / 10), wait=False) for i in range(3)]
        ids = [j.job_id for j in made if isinstance(j, Job)]
        page = await c.jobs.list(limit=2)
        assert {j.job_id for j in page.jobs} <= set(ids) and page.jobs[0].created_at >= page.jobs[1].created_at
        sizes = [len(p.jobs) async for p in c.jobs.pages(page_size=1)]
        every = [j.job_id async for j in c.jobs.iter(page_size=2)]
        assert set(sizes) == {1} and len(sizes) == len(every) and set(ids) <= set(every)
        assert (await c.jobs.get(ids[0])).job_id == ids[0]
        running = await c.simulate(long_request(11), wait=False)
        assert isinstance(running, Job)
        cancelled = await c.jobs.cancel(running)
        assert cancelled is not None and cancelled.status == "cancelled"
        await c.jobs.delete(running)
        with pytest.raises(NotFound):
            await c.jobs.get(running.job_id)

    run(service, body)


def test_errors_are_raised_in_the_async_client(service: Service) -> None:
    async def body(c: AsyncClient) -> None:
        with pytest.raises(ValidationFailed) as raised:
            await c.submit({"composition": {"MG": 0.0072, "SI": 0.0057}})
        assert "/temperature_profile" in raised.value.field_errors
        with pytest.raises(NotFound):
            await c.jobs.get(str(uuid.uuid4()))

    run(service, body)


def test_cancelling_the_waiting_task_cancels_the_job(service: Service) -> None:
    async def body(c: AsyncClient) -> str:
        seen: list[Job] = []
        task = asyncio.create_task(c.simulate(long_request(12), progress=seen.append))
        while (not seen or seen[-1].status != "running") and not task.done():
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return (await c.jobs.get(seen[-1].job_id)).status

    assert run(service, body) == "cancelled"
