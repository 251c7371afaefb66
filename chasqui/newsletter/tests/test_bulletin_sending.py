"""Sending through a real SMTP server on loopback: content, headers, links, failures and resuming."""

import time
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from chasqui.core.testing.smtp import html_body, text_body
from chasqui.newsletter import outbox, services
from chasqui.newsletter.choices import BulletinStatus, DeliveryStatus
from chasqui.newsletter.models import Delivery
from chasqui.newsletter.outbox import INTERRUPTED
from chasqui.newsletter.sending import send_pending
from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.links import one_click_unsubscribe_url, unsubscribe_url

pytestmark = pytest.mark.django_db


def recipients_of(server):
    return Counter(message["To"] for message in server.messages)


def test_each_recipient_gets_the_bulletin_with_their_own_unsubscribe_links(
    smtp_server, bulletin_with_items, make_subscribers
):
    readers = make_subscribers(3)

    services.send_now(bulletin_with_items)

    assert recipients_of(smtp_server) == Counter({reader.email: 1 for reader in readers})
    for reader in readers:
        (message,) = smtp_server.messages_to(reader.email)
        assert message["Subject"] == "Update 1: Congress debates mining law"
        assert message["List-Unsubscribe"] == f"<{one_click_unsubscribe_url(reader)}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html, text = html_body(message), text_body(message)
        assert unsubscribe_url(reader) in html
        assert unsubscribe_url(reader) in text
        for other in readers:
            if other != reader:
                assert unsubscribe_url(other) not in html
        for title, slug in (
            ("Congress debates mining law", "congress-debates-mining-law"),
            ("Floods in Piura", "floods-in-piura"),
        ):
            link = f'href="http://127.0.0.1:8000/news/{slug}/"'
            assert link in html
            assert title in html
            assert f"http://127.0.0.1:8000/news/{slug}/" in text
        assert html.index("Congress debates mining law") < html.index("Floods in Piura")
        assert "Peru Watch Trust" in html
        assert "12 Example Street" in html
        assert "N1 0AA" in html
        assert "12 Example Street" in text
        assert "This week in <strong>Peru</strong>" in html or "This week in <b>Peru</b>" in html
        assert "This week in Peru." in text
        assert "http://127.0.0.1:8000/bulletins/1/" in html
        assert "font-family:Helvetica" in html.replace(", ", ",").replace(": ", ":")
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT
    assert bulletin_with_items.sent_at is not None
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_only_receiving_subscribers_of_the_language_get_it(
    smtp_server, bulletin_with_items, make_subscribers
):
    (english,) = make_subscribers(1)
    make_subscribers(1, language="es", prefix="lector")
    make_subscribers(1, status=SubscriberStatus.UNSUBSCRIBED, prefix="gone")
    make_subscribers(1, status=SubscriberStatus.BOUNCED, prefix="bounced")
    make_subscribers(1, status=SubscriberStatus.PENDING, prefix="pending")

    services.send_now(bulletin_with_items)

    assert recipients_of(smtp_server) == Counter({english.email: 1})


def test_audience_everyone_reaches_every_language(smtp_server, bulletin_with_items, make_subscribers):
    readers = make_subscribers(1) + make_subscribers(1, language="es", prefix="lector")
    bulletin_with_items.audience = "everyone"
    bulletin_with_items.save()

    services.send_now(bulletin_with_items)

    assert recipients_of(smtp_server) == Counter({reader.email: 1 for reader in readers})
    spanish_copy = smtp_server.messages_to("lector0@example.net")[0]
    assert "/es/subscribe/unsubscribe/" in text_body(spanish_copy)


def test_send_now_twice_sends_once(smtp_server, bulletin_with_items, make_subscribers):
    make_subscribers(4)

    services.send_now(bulletin_with_items)
    with pytest.raises(services.BulletinError):
        services.send_now(bulletin_with_items)

    assert len(smtp_server.messages) == 4
    assert Delivery.objects.count() == 4


def test_permanent_rejection_fails_that_delivery_and_the_rest_go(
    smtp_server, bulletin_with_items, make_subscribers
):
    readers = make_subscribers(5)
    smtp_server.reject_recipient(readers[2].email)

    services.send_now(bulletin_with_items)

    assert set(recipients_of(smtp_server)) == {r.email for r in readers} - {readers[2].email}
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.email == readers[2].email
    assert failed.last_error.startswith("550")
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT
    assert services.progress(bulletin_with_items).failed == 1
    assert services.progress(bulletin_with_items).sent == 4


def test_temporary_failure_is_retried_after_backoff_and_delivered_once(
    smtp_server, bulletin_with_items, make_subscribers
):
    readers = make_subscribers(4)
    smtp_server.fail_next(1)  # 451 for the first message only

    services.send_now(bulletin_with_items)

    deferred = Delivery.objects.get(status=DeliveryStatus.QUEUED)
    assert deferred.email == readers[0].email
    assert deferred.attempts == 1
    assert deferred.last_error.startswith("451")
    assert deferred.next_attempt_at > timezone.now()
    assert len(smtp_server.messages) == 3
    call_command("send_due_bulletins", stdout=StringIO())
    assert len(smtp_server.messages) == 3  # not due yet

    with time_machine.travel(deferred.next_attempt_at + timezone.timedelta(seconds=1)):
        call_command("send_due_bulletins", stdout=StringIO())

    assert recipients_of(smtp_server) == Counter({reader.email: 1 for reader in readers})
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT


def test_smtp_server_down_mid_send_then_back_gives_everyone_exactly_one_copy(
    outage_smtp_server, bulletin_with_items, make_subscribers, settings
):
    settings.CHASQUI_BULLETIN_BATCH_SIZE = 4
    readers = make_subscribers(15)
    outage_smtp_server.go_down_after(6)

    services.send_now(bulletin_with_items)

    assert outage_smtp_server.stopped.wait(5)
    assert len(outage_smtp_server.messages) == 6
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENDING
    assert bulletin_with_items.retry_at is not None
    assert bulletin_with_items.last_error
    progress = services.progress(bulletin_with_items)
    assert (progress.sent, progress.failed, progress.remaining) == (6, 0, 9)

    # Still down when the first retry comes: nothing is lost, it waits longer.
    with time_machine.travel(bulletin_with_items.retry_at + timezone.timedelta(seconds=1)):
        send_pending(bulletin_with_items.pk)
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.connection_failures == 2
    assert services.progress(bulletin_with_items).remaining == 9

    outage_smtp_server.start()  # same port
    with time_machine.travel(bulletin_with_items.retry_at + timezone.timedelta(seconds=1)):
        call_command("send_due_bulletins", stdout=StringIO())

    assert recipients_of(outage_smtp_server) == Counter({reader.email: 1 for reader in readers})
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT


def test_delivery_left_in_flight_by_a_dead_worker_is_not_resent(
    smtp_server, bulletin_with_items, make_subscribers
):
    readers = make_subscribers(3)
    bulletin_with_items.status = BulletinStatus.SENDING
    bulletin_with_items.save()
    outbox.list_recipients(bulletin_with_items)
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    Delivery.objects.filter(email=readers[1].email).update(
        status=DeliveryStatus.SENDING, claim="dead-worker", claimed_at=long_ago
    )
    Delivery.objects.filter(email=readers[2].email).update(claim="dead-worker", claimed_at=long_ago)

    call_command("send_due_bulletins", stdout=StringIO())

    assert recipients_of(smtp_server) == Counter({readers[0].email: 1, readers[2].email: 1})
    interrupted = Delivery.objects.get(email=readers[1].email)
    assert interrupted.status == DeliveryStatus.UNCERTAIN
    assert interrupted.last_error == INTERRUPTED
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT


def test_scheduled_bulletin_goes_when_due(smtp_server, bulletin_with_items, make_subscribers):
    make_subscribers(2)
    when = timezone.now() + timezone.timedelta(hours=2)
    services.schedule(bulletin_with_items, when)

    call_command("send_due_bulletins", stdout=StringIO())
    assert smtp_server.messages == []

    with time_machine.travel(when + timezone.timedelta(minutes=1)):
        call_command("send_due_bulletins", stdout=StringIO())
    assert len(smtp_server.messages) == 2
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT


def test_rate_limit_spaces_messages(smtp_server, bulletin_with_items, make_subscribers, settings):
    settings.CHASQUI_BULLETIN_RATE_LIMIT = 20
    make_subscribers(6)
    started = time.monotonic()
    services.send_now(bulletin_with_items)
    assert time.monotonic() - started >= 5 / 20
    assert len(smtp_server.messages) == 6


def test_test_send_goes_to_any_address_and_changes_nothing(
    smtp_server, bulletin_with_items, make_subscribers
):
    make_subscribers(2)

    services.send_test(bulletin_with_items, "proofreader@example.com")

    (message,) = smtp_server.messages
    assert message["To"] == "proofreader@example.com"
    assert message["Subject"].startswith("[Test] Update 1")
    assert "Floods in Piura" in html_body(message)
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.DRAFT
    assert not Delivery.objects.exists()


def test_cron_does_not_start_a_second_run_beside_a_live_one(
    smtp_server, bulletin_with_items, make_subscribers
):
    readers = make_subscribers(2)
    bulletin_with_items.status = BulletinStatus.SENDING
    bulletin_with_items.save()
    outbox.list_recipients(bulletin_with_items)
    Delivery.objects.filter(email=readers[0].email).update(claim="live-worker", claimed_at=timezone.now())

    call_command("send_due_bulletins", stdout=StringIO())

    assert smtp_server.messages == []
    assert services.progress(bulletin_with_items).remaining == 2


def test_subscriber_who_leaves_during_the_send_is_skipped(smtp_server, bulletin_with_items, make_subscribers):
    readers = make_subscribers(3)
    bulletin_with_items.status = BulletinStatus.SENDING
    bulletin_with_items.save()
    outbox.list_recipients(bulletin_with_items)
    readers[1].status = SubscriberStatus.UNSUBSCRIBED
    readers[1].save()

    send_pending(bulletin_with_items.pk)

    assert set(recipients_of(smtp_server)) == {readers[0].email, readers[2].email}
    assert Delivery.objects.get(email=readers[1].email).status == DeliveryStatus.SKIPPED
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SENT


def test_send_due_bulletins_dry_run_changes_nothing(smtp_server, bulletin_with_items, make_subscribers):
    make_subscribers(1)
    services.schedule(bulletin_with_items, timezone.now() + timezone.timedelta(minutes=5))
    out = StringIO()

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=10)):
        call_command("send_due_bulletins", "--dry-run", stdout=out)

    assert "Would queue Update 1" in out.getvalue()
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SCHEDULED
    assert smtp_server.messages == []
