"""The two-machine test runs in its own step (it starts servers and takes about a minute):
`CHASQUI_MULTI_MACHINE=1 .venv/bin/pytest tests/multi_machine`. Without PostgreSQL or Redis it is
skipped with the reason, and fails under CI=true."""

import os

import pytest

from .cluster import Cluster, missing_services

READERS = 40


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CHASQUI_MULTI_MACHINE") == "1":
        return
    skip = pytest.mark.skip(reason="runs in its own step: CHASQUI_MULTI_MACHINE=1 pytest tests/multi_machine")
    for item in items:
        if "multi_machine" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = missing_services()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The two-machine test needs {missing}")
        pytest.skip(f"needs {missing}")
    running = Cluster(tmp_path_factory.mktemp("machines"), READERS)
    try:
        yield running.start()
    finally:
        running.stop()
