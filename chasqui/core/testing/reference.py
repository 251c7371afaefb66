"""The reference material in ../shared/reference/, beside a clone of the project but not part of it.

A clone elsewhere has none: tests that read it skip there with the reason, and fail in CI (CI=true),
where the material is always laid beside the clone, so a missing copy never turns a build green.
"""

import os
from pathlib import Path

import pytest

REFERENCE_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "reference"


def running_in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def reference_file(name):
    """The path of a file under ../shared/reference/; skips the test (fails it in CI) when it is missing."""
    path = REFERENCE_DIR / name
    if not path.exists():
        reason = f"../shared/reference/ is not beside this clone: {path} is missing"
        if running_in_ci():
            pytest.fail(f"{reason} (CI=true needs it)", pytrace=False)
        pytest.skip(reason)
    return path
