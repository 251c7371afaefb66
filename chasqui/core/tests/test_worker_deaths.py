"""A process's mark tells another process of the same machine, at once, that it has died."""

import subprocess
import sys
import time
from pathlib import Path

from chasqui.core import worker_deaths


def finished_process_id():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_process_that_has_exited_is_dead():
    machine = worker_deaths.process_mark().partition(":")[0]
    assert worker_deaths.died_here(f"{machine}:{finished_process_id()}:abc")


def test_a_running_process_and_this_one_are_alive():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    machine = worker_deaths.process_mark().partition(":")[0]
    try:
        assert not worker_deaths.died_here(f"{machine}:{child.pid}")
        assert not worker_deaths.died_here(worker_deaths.marked_token(32))
    finally:
        child.kill()
        child.wait()


def test_a_killed_child_not_yet_reaped_is_dead():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    machine = worker_deaths.process_mark().partition(":")[0]
    child.kill()
    try:
        # Until wait() the child is a zombie: it still has its id, but it runs nothing.
        while Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
            time.sleep(0.01)
        assert worker_deaths.died_here(f"{machine}:{child.pid}")
    finally:
        child.wait()


def test_another_machine_or_an_old_unmarked_claim_is_never_taken_for_dead():
    pid = finished_process_id()
    assert not worker_deaths.died_here(f"000000:{pid}:abc")
    assert not worker_deaths.died_here("a" * 24)
    assert not worker_deaths.died_here("")


def test_tokens_fit_their_field_and_start_with_the_mark():
    token = worker_deaths.marked_token(32)
    assert len(token) <= 32
    assert token.startswith(worker_deaths.process_mark() + ":")
