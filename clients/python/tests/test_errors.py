"""problem+json answers of the real service as exceptions; API keys; 429 with Retry-After."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from conftest import KEYS, Service, long_request, short_request
from openapi_check import unknown_fields

import precipitate.client
from precipitate import (
    BadRequest,
    Client,
    Conflict,
    Job,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    Unauthorized,
    ValidationFailed,
)


def test_an_invalid_request_names_each_field(client: Client) -> None:
    bad = short_request().to_json()
    bad["composition"]["MG"] = -0.01
    bad["unknown_option"] = True
    with pytest.raises(ValidationFailed) as raised:
        client.simulate(bad)
    error = raised.value
    assert error.status == 422 and error.title == "The request is invalid"
    assert error.field_errors == {"/composition/MG": "must be > 0", "/unknown_option": "is not a known field"}
    assert {e.in_ for e in error.errors} == {"body"}
    assert "/composition/MG must be > 0" in error.detail and "/composition/MG" in str(error)
    assert unknown_fields(error.problem) == []


def test_an_out_of_order_schedule_is_rejected_by_submit_too(client: Client) -> None:
    bad = short_request().to_json()
    bad["temperature_profile"] = {"time_points_hours": [0, 16, 10], "temperatures_celsius": [175, 175, 250]}
    with pytest.raises(ValidationFailed) as raised:
        client.submit(bad)
    assert list(raised.value.field_errors) == ["/temperature_profile/time_points_hours/2"]


def test_a_bad_query_parameter(client: Client) -> None:
    with pytest.raises(BadRequest) as raised:
        client.jobs.list(limit=0)
    assert raised.value.status == 400
    assert [(e.in_, e.pointer) for e in raised.value.errors] == [("query", "limit")]
    with pytest.raises(BadRequest) as cursor:
        client.jobs.list(cursor="not-a-cursor")
    assert cursor.value.field_errors == {"cursor": "is not a next_cursor given by this API"}


def test_unknown_job_and_file(client: Client) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(NotFound) as raised:
        client.jobs.get(missing)
    assert raised.value.status == 404 and missing in raised.value.detail
    done = client.simulate(short_request(0.7), progress=False)
    with pytest.raises(NotFound) as file:
        client.download(done.job_id, "nothing.png")
    assert "nothing.png" in file.value.detail


def test_results_of_an_unfinished_job_conflict(client: Client) -> None:
    job = client.simulate(long_request(5), wait=False)
    assert isinstance(job, Job)
    try:
        with pytest.raises(Conflict) as raised:
            client.result(job.job_id)
        assert raised.value.status == 409 and raised.value.job_status in ("pending", "running")
        assert "try again later" in raised.value.detail
    finally:
        client.jobs.cancel(job.job_id)


def test_a_body_over_the_limit(client: Client) -> None:
    bad = short_request().to_json()
    bad["temperature_profile"] = {"time_points_hours": list(range(20000)), "temperatures_celsius": [175] * 20000}
    with pytest.raises(PayloadTooLarge) as raised:
        client.simulate(bad)
    assert raised.value.status == 413


@pytest.fixture()
def alice(auth_service: Service, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    monkeypatch.setenv("PRECIPITATE_API_KEY", KEYS["alice"])
    with Client(auth_service.url) as c:
        yield c


def test_the_key_comes_from_the_environment_and_jobs_are_per_key(alice: Client, auth_service: Service) -> None:
    assert alice.health().auth == "api-key"
    job = alice.simulate(short_request(0.6), wait=False)
    assert isinstance(job, Job)
    assert alice.jobs.get(job.job_id).job_id == job.job_id
    with Client(auth_service.url, api_key=KEYS["bob"]) as bob:
        with pytest.raises(NotFound):
            bob.jobs.get(job.job_id)
        assert job.job_id not in {j.job_id for j in bob.jobs.iter()}


def test_no_key_or_a_wrong_key_is_unauthorized(auth_service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRECIPITATE_API_KEY", raising=False)
    for key in (None, "wrong-key-0123456789abcdef"):
        with Client(auth_service.url, api_key=key) as anonymous:
            with pytest.raises(Unauthorized) as raised:
                anonymous.jobs.list()
            assert raised.value.status == 401 and raised.value.detail


def spend_until_limited(c: Client, sleeps: list[float]) -> RateLimited:
    """Lists jobs until the service answers 429 (20 a minute per key; a new minute may start once)."""
    for _ in range(50):
        sleeps.clear()
        try:
            c.jobs.list(limit=1)
        except RateLimited as limited:
            return limited
    raise AssertionError("never rate limited")


def test_429_is_raised_with_retry_after_when_retries_are_off(auth_service: Service) -> None:
    with Client(auth_service.url, api_key=KEYS["carol"], max_retries=0) as carol:
        limited = spend_until_limited(carol, [])
    assert limited.status == 429 and limited.retry_after_seconds is not None
    assert 1 <= limited.retry_after_seconds <= 60


def test_429_is_retried_after_retry_after_then_raised(auth_service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps: list[float] = []

    class Clock:
        @staticmethod
        def sleep(seconds: float) -> None:  # records instead of waiting out the minute
            sleeps.append(seconds)

    monkeypatch.setattr(precipitate.client, "time", Clock)
    with Client(auth_service.url, api_key=KEYS["carol"], max_retries=2) as carol:
        limited = spend_until_limited(carol, sleeps)
    assert limited.retry_after_seconds is not None
    assert len(sleeps) == 2 and all(limited.retry_after_seconds <= s <= 60 for s in sleeps)
    with Client(auth_service.url, api_key=KEYS["carol"], max_retries=3, max_retry_wait=0.5) as impatient:
        spend_until_limited(impatient, sleeps)
    assert sleeps == []  # Retry-After (at least 1 s) is over max_retry_wait: not waited for
