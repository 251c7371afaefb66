"""A worker killed mid-bulletin: the send resumes as soon as the worker is seen to be gone (by a
restarted worker, the next send task or cron), every other reader gets exactly one copy, and the
one message in flight is reported "may have been sent", with a resend to just those addresses."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.mail.backends.smtp import EmailBackend
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chasqui.newsletter import outbox, services
from chasqui.newsletter.choices import BulletinStatus, DeliveryStatus
from chasqui.newsletter.models import Delivery
from chasqui.newsletter.sending import send_pending
from chasqui.newsletter.tasks import resume_interrupted_sends, send_bulletin

pytestmark = pytest.mark.django_db

READERS = 10
DIES_AFTER = 6  # the worker dies just after the server accepted the 6th message, before recording it


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it in the dying run records anything."""


def recipients_of(server):
    return Counter(message["To"] for message in server.messages)


@pytest.fixture
def half_sent(smtp_server, bulletin_with_items, make_subscribers, settings, monkeypatch):
    """A bulletin whose worker was killed after handing message 6 of 10 to the mail server."""
    settings.CHASQUI_BULLETIN_BATCH_SIZE = 4
    readers = make_subscribers(READERS)
    bulletin = bulletin_with_items
    bulletin.status = BulletinStatus.SENDING
    bulletin.send_started_at = timezone.now()
    bulletin.save()
    original_send = EmailBackend.send_messages

    def send_then_die(backend, messages):
        sent = original_send(backend, messages)
        if len(smtp_server.messages) == DIES_AFTER:
            raise WorkerKilled
        return sent

    with monkeypatch.context() as dying:
        dying.setattr(EmailBackend, "send_messages", send_then_die)
        dying.setattr(outbox, "release", lambda token: None)  # a killed process cleans nothing up
        with pytest.raises(WorkerKilled):
            send_pending(bulletin.pk)
    in_flight = readers[DIES_AFTER - 1].email
    assert Delivery.objects.get(email=in_flight).status == DeliveryStatus.SENDING
    return bulletin, readers, in_flight


def later(seconds):
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=True)


def assert_resumed(server, bulletin, readers, in_flight):
    assert recipients_of(server) == Counter({reader.email: 1 for reader in readers})
    uncertain = Delivery.objects.get(email=in_flight)
    assert uncertain.status == DeliveryStatus.UNCERTAIN
    assert uncertain.last_error == outbox.INTERRUPTED
    others = Delivery.objects.exclude(email=in_flight)
    assert set(others.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENT
    assert services.progress(bulletin).uncertain == 1


def test_a_live_run_is_not_taken_for_a_dead_one(half_sent, smtp_server):
    bulletin, _readers, in_flight = half_sent
    assert outbox.in_progress(bulletin)
    assert resume_interrupted_sends() == []
    send_pending(bulletin.pk)
    # This run sends what nobody held; the dead run's batch waits until its silence is long enough.
    assert Delivery.objects.get(email=in_flight).status == DeliveryStatus.SENDING
    assert max(recipients_of(smtp_server).values()) == 1
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENDING


def test_a_starting_worker_resumes_the_send(half_sent, smtp_server):
    bulletin, readers, in_flight = half_sent
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        assert resume_interrupted_sends() == [bulletin]
    assert_resumed(smtp_server, bulletin, readers, in_flight)


# The worker closes its database connection when it stops, as a real one does: outside a test
# transaction, so the test's next query opens a new connection (PostgreSQL would fail otherwise).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restarting_the_database_worker_finishes_the_send(half_sent, smtp_server, settings):
    bulletin, readers, in_flight = half_sent
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        output = StringIO()
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=output, verbosity=0)
    assert f"Resuming {bulletin}" in output.getvalue()
    assert_resumed(smtp_server, bulletin, readers, in_flight)


def test_the_next_send_task_resumes_the_send(half_sent, smtp_server):
    bulletin, readers, in_flight = half_sent
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        result = send_pending(bulletin.pk)
    assert result.uncertain == 1
    assert_resumed(smtp_server, bulletin, readers, in_flight)


def test_cron_resumes_the_send_within_two_minutes(half_sent, smtp_server):
    bulletin, readers, in_flight = half_sent
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        call_command("send_due_bulletins", stdout=StringIO())
    assert_resumed(smtp_server, bulletin, readers, in_flight)


def test_the_report_names_the_address_and_resends_to_it_alone(half_sent, smtp_server, editor_client):
    bulletin, readers, in_flight = half_sent
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        send_pending(bulletin.pk)
    report_url = reverse("wagtailsnippets_newsletter_bulletin:send", args=[bulletin.pk])

    page = BeautifulSoup(editor_client.get(report_url).content, "html.parser")
    section = page.find(id="uncertain-heading").parent
    assert "may have missed it / may have received it" in section.get_text().lower()
    assert [cell.get_text() for cell in section.select("tbody td:first-child")] == [in_flight]
    assert page.select_one('[data-count="uncertain"]').get_text() == "1"

    response = editor_client.post(
        reverse("wagtailsnippets_newsletter_bulletin:resend_uncertain", args=[bulletin.pk])
    )
    assert response.status_code == 302
    counts = recipients_of(smtp_server)
    assert counts[in_flight] == 2
    assert all(counts[reader.email] == 1 for reader in readers if reader.email != in_flight)
    assert Delivery.objects.get(email=in_flight).status == DeliveryStatus.SENT
    assert (
        BeautifulSoup(editor_client.get(report_url).content, "html.parser").find(id="uncertain-heading")
        is None
    )


def test_a_resend_the_mail_server_refuses_keeps_the_address_listed(half_sent, smtp_server):
    bulletin, _readers, in_flight = half_sent
    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        send_pending(bulletin.pk)
    smtp_server.stop()
    with pytest.raises(services.BulletinError):
        services.resend_to_uncertain(bulletin)
    assert Delivery.objects.get(email=in_flight).status == DeliveryStatus.UNCERTAIN


def test_the_dead_runs_task_record_is_marked_failed_not_left_running(half_sent, settings):
    bulletin, _readers, _in_flight = half_sent
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_bulletin.enqueue(bulletin.pk)
    send_bulletin.enqueue(bulletin.pk + 1)  # another bulletin's run, not ours to judge
    # Both were taken by a worker on another machine, which then died.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, worker_ids=["worker-on-another-machine"])

    with later(outbox.WORKER_GONE_AFTER.total_seconds() + 1):
        assert resume_interrupted_sends() == [bulletin]

    records = sorted(
        (result.args_kwargs["args"][0], result.status, result.exception_class_path)
        for result in DBTaskResult.objects.all()
    )
    assert records == [
        (bulletin.pk, TaskResultStatus.FAILED, "chasqui.core.worker_deaths.WorkerDied"),
        (bulletin.pk, TaskResultStatus.READY, ""),  # the resumed send
        (bulletin.pk + 1, TaskResultStatus.RUNNING, ""),
    ]
