"""`make demo` and `make serve` link to the address they serve on, so its emails and login work."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned_commands(target, *args, **environ):
    env = {key: value for key, value in os.environ.items() if key != "BASE_URL"} | environ
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", target, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    return [line for line in lines if "manage.py load_demo" in line or "runserver" in line]


@pytest.mark.parametrize("target", ["demo", "serve"])
def test_the_base_url_follows_host_and_port(target):
    commands = planned_commands(target, "PORT=8101", "HOST=0.0.0.0")

    assert commands
    for command in commands:
        assert "BASE_URL=http://0.0.0.0:8101" in command
        assert "8000" not in command


def test_a_base_url_given_wins():
    commands = planned_commands("demo", "PORT=8101", BASE_URL="https://news.example.org")

    assert commands
    for command in commands:
        assert "BASE_URL=https://news.example.org" in command
