"""The benchmarks start (their --help: no heavy work) on the project's .venv, whichever python3 is first."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BENCHMARKS = ["pages", "load", "spike", "import", "bulletin", "membership", "membership_import.py"]
BASE_PYTHON = Path(sys.base_prefix) / "bin" / "python3"


def without_venv_on_path():
    """The environment a shell outside the virtualenv would give: no .venv/bin on PATH."""
    venv_bin = str(Path(sys.prefix) / "bin")
    path = os.pathsep.join(entry for entry in os.environ["PATH"].split(os.pathsep) if entry != venv_bin)
    unset = {"VIRTUAL_ENV", "BENCH_NO_REEXEC"}
    env = {name: value for name, value in os.environ.items() if name not in unset}
    return env | {"PATH": path}


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_prints_its_help(name):
    script = BENCH / name
    command = [str(script)] if os.access(script, os.X_OK) else [str(BASE_PYTHON), str(script)]

    result = subprocess.run(
        [*command, "--help"], cwd=ROOT, env=without_venv_on_path(), capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_a_benchmark_started_by_another_python_goes_on_in_the_projects_venv(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        f"import sys\nsys.path.insert(0, {str(BENCH)!r})\n"
        "from project_python import run_on_project_python\n"
        "run_on_project_python(__file__)\n"
        "print(sys.prefix)\n"
    )

    result = subprocess.run(
        [str(BASE_PYTHON), str(probe)], env=without_venv_on_path(), capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).resolve() == (ROOT / ".venv").resolve()


SMALL_SIZE = 40
OBSERVATORY_PAGES = [
    "incidents_index",
    "incidents_index_deep",
    "incident",
    "incident_map",
    "incident_figures",
]


@pytest.fixture
def load_tools():
    """wrk and nginx, which bench/pages drives; skipped (failed in CI) without them."""
    search_path = f"{os.environ.get('PATH', os.defpath)}:/usr/sbin"  # nginx lives in sbin
    missing = [name for name in ("wrk", "nginx") if not shutil.which(name, path=search_path)]
    if missing:
        reason = f"{' and '.join(missing)} not installed (apt-get install -y wrk nginx)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(reason)
        pytest.skip(reason)


def test_a_small_page_benchmark_measures_the_news_and_the_observatory_pages(tmp_path, load_tools):
    """The whole of bench/pages at 40 news items and 40 incidents, a second a page, in both modes
    (a few minutes: most of it is the migrations)."""
    out = tmp_path / "out"
    command = [str(BENCH / "pages"), "--sizes", str(SMALL_SIZE), "--duration", "1", "--warmup", "0"]
    command += ["--no-demo", "--no-profile", "--workers", "1", "--connections", "2", "--threads", "1"]

    result = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    sizes = json.loads((out / "results.json").read_text())["sizes"][str(SMALL_SIZE)]
    assert sizes["uncached"]["info"]["incidents"] == SMALL_SIZE
    uncached = {page["page"]: page for page in sizes["uncached"]["pages"]}
    cached = {page["page"]: page for page in sizes["cached"]["pages"]}
    for key in OBSERVATORY_PAGES:
        assert uncached[key]["requests"] > 0, key
        assert uncached[key]["queries"] > 0, key
        assert not uncached[key]["errors"], key
    assert uncached["incident_map"]["path"].endswith("/map/")
    assert "?after=" in uncached["incidents_index_deep"]["path"]
    # The news pages' targets: a listing's for the index, the map and the figures, an item's for an incident.
    for key in ("incidents_index", "incidents_index_deep", "incident_map", "incident_figures"):
        assert uncached[key]["target_rps"] == uncached["news_index"]["target_rps"], key
    assert uncached["incident"]["target_rps"] == uncached["news_item"]["target_rps"]
    # Cached: every measured answer was a page cache hit, or the run would have stopped.
    for key in ("incidents_index", "incident", "incident_map", "incident_figures"):
        assert cached[key]["requests"] > 0, key
    assert cached["incidents_index_deep"]["path"] is None  # a cursor is never answered by the page cache
    table = (out / "table.txt").read_text()
    assert f"{SMALL_SIZE} news items and {SMALL_SIZE} incidents, uncached" in table
    assert "incidents map" in table
