"""The benchmarks start (their --help: no heavy work) on the project's .venv, whichever python3 is first."""

import os
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
