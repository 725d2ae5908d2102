"""Every notebook in examples/notebooks runs top to bottom against the embedded service (nbclient)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import REPO, Service
from nbclient import NotebookClient

NOTEBOOKS = REPO / "examples" / "notebooks"


def execute(service: Service, name: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Runs a copy of the notebooks folder (the notebooks write files next to themselves)."""
    shutil.copytree(NOTEBOOKS, workdir, dirs_exist_ok=True)
    monkeypatch.setenv("PRECIPITATE_URL", service.url)  # the kernel inherits it
    monkeypatch.delenv("PRECIPITATE_API_KEY", raising=False)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    book = nbformat.read(workdir / name, as_version=4)
    NotebookClient(book, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return book


def outputs(book: nbformat.NotebookNode, kind: str) -> list[str]:
    found = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if kind in data:
                found.append(data[kind])
            elif kind == "text/plain" and output.get("output_type") == "stream":
                found.append(output["text"])
    return found


def test_every_notebook_is_tested() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(TESTS)


def t6(book: nbformat.NotebookNode, workdir: Path) -> None:
    assert len(outputs(book, "image/png")) >= 2 and outputs(book, "image/svg+xml")  # matplotlib + service figures
    assert (workdir / "t6-175C-8h" / "precipitation.svg").stat().st_size > 0
    assert (workdir / "t6-175C-8h" / "series.csv").read_text().startswith("time_h,temperature_c")


def two_step(book: nbformat.NotebookNode, workdir: Path) -> None:
    tables = outputs(book, "text/html")
    assert any("150 → 175 °C" in t and "175 → 200 °C" in t for t in tables)
    assert len(outputs(book, "image/png")) >= 2


def temperature_map(book: nbformat.NotebookNode, workdir: Path) -> None:
    assert any("time to peak (h)" in t and "230" in t for t in outputs(book, "text/html"))
    assert outputs(book, "image/png")


def calibration(book: nbformat.NotebookNode, workdir: Path) -> None:
    printed = "".join(outputs(book, "text/plain"))
    assert "evaluations: γ(β'')" in printed and "Sekhar" in printed
    assert outputs(book, "image/png")


TESTS = {
    "01-t6-single-run.ipynb": t6,
    "02-two-step-schedules.ipynb": two_step,
    "03-temperature-map.ipynb": temperature_map,
    "04-calibrate-aa6063.ipynb": calibration,
}


@pytest.mark.parametrize("name", sorted(TESTS))
def test_notebook_runs(service: Service, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = execute(service, name, tmp_path / "notebooks", monkeypatch)
    TESTS[name](book, tmp_path / "notebooks")
