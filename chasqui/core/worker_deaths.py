"""Which process holds a piece of work, so that a process starting on the same machine can tell at
once that the holder died (killed, out of memory) instead of waiting for a timeout to expire.

A mark is a short hash of the machine's host name and the process id: "3fa2c1:4012". A mark of
another machine, or of a process still running, is never taken for dead.
"""

import hashlib
import os
import socket
from pathlib import Path

from django.tasks import TaskResultStatus
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult


class WorkerDied(Exception):
    """Recorded on a task whose worker process stopped while running it."""


def _machine():
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def process_mark():
    """This process, as other processes of the machine can check it: "<machine>:<pid>"."""
    return f"{_machine()}:{os.getpid()}"


def marked_token(length):
    """A random token of `length` characters that starts with this process's mark."""
    mark = f"{process_mark()}:"
    return mark + get_random_string(max(length - len(mark), 8))


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    try:  # a killed child its parent has not yet reaped is a zombie: dead all the same
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def died_here(token):
    """Whether `token` (a mark, or a token made by marked_token) names a process of this machine
    that no longer runs."""
    machine, _, rest = token.partition(":")
    pid = rest.partition(":")[0]
    if machine != _machine() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    return not _running(int(pid))


def fail_running_task(task, *args, reason):
    """Mark "failed" the records of `task` called with `args` that are still "running", for a caller
    who knows their run is over (its heartbeat went quiet on whatever machine ran it)."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=task.module_path)
    failed = 0
    for result in running.only("id", "args_kwargs"):
        if result.args_kwargs.get("args") == list(args):
            result.set_failed(WorkerDied(reason))
            failed += 1
    return failed


def fail_tasks_of_dead_workers():
    """Mark "failed" the task records the database worker left "running" when it was killed on this
    machine (a restarted worker calls this as it starts); returns how many. Another machine's
    records are left to that machine's workers."""
    failed = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids"):
        if result.worker_ids and died_here(result.worker_ids[-1]):
            result.set_failed(WorkerDied(f"Worker {result.worker_ids[-1]} stopped while running this task."))
            failed += 1
    return failed
