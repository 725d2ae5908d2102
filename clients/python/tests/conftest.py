"""Starts real embedded services (node bin/precipitate.js serve) for the tests: SQLite, in-process queue
and local files in a temporary DATA_DIR, a free port (PORT=0) read from the "listening" log line."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from precipitate import Client, SimulationRequest

REPO = Path(__file__).resolve().parents[3]
KEYS = {"alice": "alice-key-0123456789abcdef", "bob": "bob-key-0123456789abcdef", "carol": "carol-key-0123456789ab"}
START_TIMEOUT_SECONDS = 60


class Service:
    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        entry = REPO / "bin" / "precipitate.js"
        if not (REPO / "build" / "src").is_dir():
            raise RuntimeError(f"{REPO / 'build'} is missing: run `npm run build` first")
        # Only what node needs: no DATABASE_URL, REDIS_URL or S3_* from the caller's environment.
        base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
        # A job still running at the end is not waited for long (the service's default is 30 s).
        full_env = {
            **base,
            "HOST": "127.0.0.1",
            "PORT": "0",
            "DATA_DIR": str(data_dir),
            "SHUTDOWN_TIMEOUT_SECONDS": "2",
        }
        full_env.update(env)
        self.process = subprocess.Popen(
            ["node", str(entry), "serve"], cwd=REPO, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.log: list[dict[str, Any]] = []
        lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._drain, args=(lines,), daemon=True).start()
        self.url = self._wait_for_listening(lines)

    def _drain(self, lines: queue.Queue[dict[str, Any] | None]) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = {"message": raw.decode(errors="replace").rstrip()}
            self.log.append(entry)
            lines.put(entry)
        lines.put(None)

    def _wait_for_listening(self, lines: queue.Queue[dict[str, Any] | None]) -> str:
        while True:
            entry = lines.get(timeout=START_TIMEOUT_SECONDS)
            if entry is None:
                raise RuntimeError(f"the service exited before listening: {self.log[-5:]}")
            if entry.get("message") == "listening":
                return str(entry["url"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """No keys, no rate limit."""
    started = Service(tmp_path_factory.mktemp("service"), {"RATE_LIMIT_PER_MINUTE": "0"})
    yield started
    started.stop()


@pytest.fixture(scope="session")
def auth_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """Three keys, 20 requests a minute per key (carol's key is spent by the rate-limit tests)."""
    env = {"API_KEYS": ",".join(KEYS.values()), "RATE_LIMIT_PER_MINUTE": "20"}
    started = Service(tmp_path_factory.mktemp("auth-service"), env)
    yield started
    started.stop()


@pytest.fixture()
def client(service: Service) -> Iterator[Client]:
    with Client(service.url) as c:
        yield c


def short_request(hours: float = 2.0, temperature_c: float = 175.0, **fields: Any) -> SimulationRequest:
    return SimulationRequest.isothermal(
        0.0072, 0.0057, temperature_c, hours, max_points=fields.pop("max_points", 40), **fields
    )


def long_request(seed: int) -> dict[str, Any]:
    """A schedule that keeps a job running for many seconds: 1000 points alternating 150 and 300 °C
    (over a million steps). seed makes each test's request its own."""
    times = [round(0.1 * i, 3) for i in range(1000)]
    temperatures = [150.0 if i % 2 else 300.0 + seed * 1e-3 for i in range(1000)]
    return {
        "composition": {"MG": 0.0072, "SI": 0.0057},
        "temperature_profile": {"time_points_hours": times, "temperatures_celsius": temperatures},
        "simulation_time_hours": 100,
        "max_points": 20,
    }
