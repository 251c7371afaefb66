"""A task worker killed (SIGKILL) in the middle of a bulletin: the worker restarted on the same
machine marks the dead run's task record failed and resumes the send at once, not when a lease or
heartbeat runs out; everyone gets exactly one copy, and the one message in flight is reported as
"may have been sent", listed on the bulletin's send page with a resend to just that address."""

import asyncio
import os
import signal
import subprocess
import threading
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from chasqui.core.testing.smtp import SMTPServer, _Handler

from .cluster import ROOT, Cluster, missing_services

pytestmark = pytest.mark.multi_machine

READERS = 10
HELD = 6  # the worker is killed while the mail server holds the 6th message


class _HoldingHandler(_Handler):
    async def handle_DATA(self, server, session, envelope):
        if len(self.server.messages) == HELD - 1 and not self.server.released.is_set():
            self.server.holding.set()
            while not self.server.released.is_set():
                await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


class HoldingSMTPServer(SMTPServer):
    """Keeps the 6th message waiting at DATA until released, so the sender is mid-message."""

    def __init__(self):
        super().__init__()
        self.holding, self.released = threading.Event(), threading.Event()

    def start(self):
        self._controller = Controller(_HoldingHandler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self


@pytest.fixture(scope="module")
def machine(tmp_path_factory):
    missing = missing_services()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The killed-worker test needs {missing}")
        pytest.skip(f"needs {missing}")
    cluster = Cluster(
        tmp_path_factory.mktemp("killed"),
        READERS,
        database="multi_machine_killed",
        tasks="db",
        smtp=HoldingSMTPServer(),
    )
    try:
        yield cluster.prepare()
    finally:
        cluster.stop()


def task_records(cluster):
    return cluster.query(
        "SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult"
        " WHERE task_path = 'chasqui.newsletter.tasks.send_bulletin' ORDER BY enqueued_at"
    )


def test_a_restarted_worker_resumes_at_once_and_fails_the_dead_record(machine):
    first = machine.machines[0]
    bulletin = machine.site["bulletin"]
    log = open(machine.tmp_path / "killed-worker.log", "w")  # noqa: SIM115 (closed below)
    first.act("send_once", bulletin)
    worker = subprocess.Popen(
        first.worker_command(), cwd=ROOT, env=first.env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        assert machine.smtp.holding.wait(timeout=120), "the worker never reached the 6th message"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        log.close()
    machine.smtp.released.set()
    assert task_records(machine) == [("RUNNING", "")]
    in_flight = f"reader{HELD - 1}@example.net"
    query = "SELECT status FROM newsletter_delivery WHERE email = %s"
    assert machine.query(query, in_flight) == [("sending",)]

    restarted = first.run("manage.py", "db_worker", "--batch", "--no-startup-delay")

    assert "Resuming" in restarted
    assert "1 task(s) were running when their worker stopped: marked failed." in restarted
    assert machine.query("SELECT status FROM newsletter_bulletin WHERE id = %s", bulletin) == [("sent",)]
    assert task_records(machine) == [
        ("FAILED", "chasqui.core.worker_deaths.WorkerDied"),
        ("SUCCESSFUL", ""),
    ]
    # The message in flight died with its worker: nobody can know it did not arrive, so it is not
    # resent on its own, and the send page lists it.
    everyone = Counter({f"reader{n}@example.net": 1 for n in range(READERS)})
    assert Counter(message["To"] for message in machine.smtp.messages) == everyone - Counter([in_flight])
    assert machine.query(query, in_flight) == [("uncertain",)]
    statuses = machine.query(
        "SELECT status, count(*) FROM newsletter_delivery GROUP BY status ORDER BY status"
    )
    assert statuses == [("sent", READERS - 1), ("uncertain", 1)]

    first.act("resend_uncertain", bulletin)  # the send page's "Resend to these addresses"

    assert Counter(message["To"] for message in machine.smtp.messages) == everyone
    assert machine.query(query, in_flight) == [("sent",)]
