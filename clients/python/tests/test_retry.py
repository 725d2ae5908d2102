"""The retry logic for 503 against a tiny local HTTP server (the embedded service cannot be made to
answer 503 on demand): Retry-After honoured, a limit on retries, the same Idempotency-Key on a retried
POST. 429 is retried by the same code, tested against the real service in test_errors.py."""

from __future__ import annotations

import asyncio
import email.utils
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

import precipitate.aio
import precipitate.client
from precipitate import AsyncClient, Client, ServiceUnavailable

HEALTH = {"status": "ok", "auth": "off"}
JOB = {"job_id": "8b0c0000-0000-4000-8000-000000000000", "status": "pending", "created_at": "2026-12-05T00:00:00Z"}


class Stub:
    """Answers 503 (with the given Retry-After values, None for no header) then 200."""

    def __init__(self) -> None:
        self.retry_afters: list[str | None] = []
        self.html_errors = False  # a proxy's page instead of problem+json
        self.seen: list[tuple[str, str, str | None]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                stub.seen.append((self.command, self.path, self.headers.get("Idempotency-Key")))
                if stub.retry_afters:
                    retry_after = stub.retry_afters.pop(0)
                    body = {
                        "type": "about:blank",
                        "title": "Service unavailable",
                        "status": 503,
                        "detail": "queue down",
                    }
                    if stub.html_errors:
                        self._send(503, "<html>upstream down</html>", "text/html", retry_after)
                    else:
                        self._send(503, body, "application/problem+json", retry_after)
                elif self.path.endswith("/health"):
                    self._send(200, HEALTH, "application/json", None)
                else:
                    self._send(202, {**JOB, "progress": {}}, "application/json", None)

            def _send(self, status: int, body: object, kind: str, retry_after: str | None) -> None:
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                if retry_after is not None:
                    self.send_header("Retry-After", retry_after)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture()
def stub() -> Iterator[Stub]:
    server = Stub()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture()
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []

    class Clock:
        @staticmethod
        def sleep(seconds: float) -> None:
            recorded.append(seconds)

    monkeypatch.setattr(precipitate.client, "time", Clock)
    return recorded


def test_503_is_retried_after_retry_after(stub: Stub, sleeps: list[float]) -> None:
    stub.retry_afters = ["2", "1"]
    with Client(stub.url) as c:
        assert c.health().status == "ok"
    assert sleeps == [2.0, 1.0] and len(stub.seen) == 3


def test_retry_after_as_a_date_and_backoff_without_it(stub: Stub, sleeps: list[float]) -> None:
    stub.retry_afters = [email.utils.formatdate(time.time() + 30, usegmt=True), None, None]
    with Client(stub.url, max_retries=3) as c:
        assert c.health().status == "ok"
    assert 25 <= sleeps[0] <= 30 and sleeps[1:] == [2.0, 4.0]  # backoff 1 s doubling, from the 2nd attempt


def test_the_retries_have_a_limit(stub: Stub, sleeps: list[float]) -> None:
    stub.retry_afters = ["1"] * 10
    with Client(stub.url, max_retries=2) as c:
        with pytest.raises(ServiceUnavailable) as raised:
            c.health()
    error = raised.value
    assert (error.status, error.detail, error.retry_after_seconds) == (503, "queue down", 1.0)
    assert sleeps == [1.0, 1.0] and len(stub.seen) == 3


def test_an_error_page_that_is_not_problem_json(stub: Stub, sleeps: list[float]) -> None:
    stub.retry_afters = [None, None]
    stub.html_errors = True
    with Client(stub.url, max_retries=1) as c:
        with pytest.raises(ServiceUnavailable) as raised:
            c.jobs.list()
    assert (raised.value.status, raised.value.detail, raised.value.errors) == (503, "<html>upstream down</html>", [])
    assert sleeps == [1.0]


def test_a_retried_post_keeps_its_idempotency_key(stub: Stub, sleeps: list[float]) -> None:
    stub.retry_afters = ["1"]
    with Client(stub.url) as c:
        job = c.simulate({"composition": {}}, wait=False)
    assert job.job_id == JOB["job_id"]
    (m1, p1, key1), (m2, p2, key2) = stub.seen
    assert (m1, p1) == (m2, p2) == ("POST", "/api/v1/simulate") and key1 is not None and key1 == key2


def test_the_async_client_retries_too(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    waited: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(precipitate.aio, "asyncio", SimpleNamespace(sleep=fake_sleep))
    stub.retry_afters = ["3"]

    async def main() -> str | None:
        async with AsyncClient(stub.url) as c:
            return (await c.health()).status

    assert asyncio.run(main()) == "ok" and waited == [3.0]
