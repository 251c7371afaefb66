"""Sign-ups nobody confirms are forgotten after CHASQUI_SUBSCRIBER_CONFIRM_DAYS."""

from io import StringIO

import pytest
from django.core.management import call_command

from chasqui.subscribers import services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import ConsentEvent, Subscriber
from chasqui.subscribers.tasks import expire_pending_subscribers

pytestmark = pytest.mark.django_db


def test_unconfirmed_sign_up_is_deleted_after_seven_days(time_machine, settings):
    settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS = 7
    time_machine.move_to("2026-03-01 09:00Z")
    services.sign_up("old@example.org")
    time_machine.move_to("2026-03-05 09:00Z")
    services.sign_up("recent@example.org")
    time_machine.move_to("2026-03-08 09:01Z")

    out = StringIO()
    call_command("expire_pending_subscribers", stdout=out)
    assert "1 deleted" in out.getvalue()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["recent@example.org"]
    assert not ConsentEvent.objects.filter(subscriber__email="old@example.org").exists()


def test_asking_again_restarts_the_clock(time_machine):
    time_machine.move_to("2026-03-01 09:00Z")
    services.sign_up("ana@example.org")
    time_machine.move_to("2026-03-06 09:00Z")
    services.sign_up("ana@example.org")
    time_machine.move_to("2026-03-09 09:00Z")
    assert services.expire_pending().deleted == 0
    time_machine.move_to("2026-03-13 09:01Z")
    assert services.expire_pending().deleted == 1


def test_expired_return_to_the_list_keeps_the_earlier_history(time_machine, make_subscriber):
    time_machine.move_to("2026-03-01 09:00Z")
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.UNSUBSCRIBED)
    services.sign_up("ana@example.org")
    time_machine.move_to("2026-03-09 09:00Z")

    result = expire_pending_subscribers.enqueue()
    assert result.return_value == {"deleted": 0, "reverted": 1}
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert list(subscriber.consent_events.values_list("to_status", "cause")) == [
        (SubscriberStatus.UNSUBSCRIBED, ConsentCause.IMPORT),
        (SubscriberStatus.PENDING, ConsentCause.SIGN_UP_FORM),
        (SubscriberStatus.UNSUBSCRIBED, ConsentCause.EXPIRED),
    ]


def test_confirmed_subscribers_never_expire(time_machine, make_subscriber):
    time_machine.move_to("2026-03-01 09:00Z")
    make_subscriber("ana@example.org", SubscriberStatus.SUBSCRIBED)
    time_machine.move_to("2027-03-01 09:00Z")
    assert services.expire_pending().deleted == 0
    assert Subscriber.objects.get().status == SubscriberStatus.SUBSCRIBED
