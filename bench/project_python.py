"""Benchmarks run on the project's .venv, whichever python3 comes first on PATH.

Each script calls `run_on_project_python(__file__)` before importing anything outside the standard
library; set BENCH_NO_REEXEC=1 to keep the interpreter you started it with.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"


def run_on_project_python(script):
    """Start `script` again on .venv's Python (same arguments) unless it already runs there."""
    if (
        Path(sys.prefix).resolve() != VENV.resolve()
        and VENV_PYTHON.exists()
        and not os.environ.get("BENCH_NO_REEXEC")
    ):
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), str(script), *sys.argv[1:]])  # noqa: S606
