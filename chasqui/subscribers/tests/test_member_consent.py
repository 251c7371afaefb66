"""Members who tick the bulletin box on joining are subscribed without a second email."""

import pytest

from chasqui.subscribers import services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db


def test_member_consent_subscribes_at_once_with_one_ledger_entry(smtp_server):
    subscriber = services.subscribe_member(" Marta@Example.org", name="Marta", language="es")
    assert subscriber.email == "marta@example.org"
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.language == "es"
    assert subscriber.confirmed_at is not None
    assert list(subscriber.consent_events.values_list("from_status", "to_status", "cause")) == [
        ("", SubscriberStatus.SUBSCRIBED, ConsentCause.MEMBER_CONSENT)
    ]
    assert smtp_server.messages == []


def test_member_with_a_pending_sign_up_is_subscribed(make_subscriber):
    make_subscriber("marta@example.org", SubscriberStatus.PENDING)
    subscriber = services.subscribe_member("marta@example.org")
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.consent_events.last().cause == ConsentCause.MEMBER_CONSENT


@pytest.mark.parametrize(
    "status", [SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED]
)
def test_member_who_left_the_list_stays_off_it(make_subscriber, status):
    subscriber = make_subscriber("marta@example.org", status)
    events = subscriber.consent_events.count()
    services.subscribe_member("marta@example.org", name="Marta")
    subscriber.refresh_from_db()
    assert subscriber.status == status
    assert subscriber.consent_events.count() == events
    assert not Subscriber.objects.receiving().exists()


def test_member_who_unsubscribes_then_renews_stays_unsubscribed():
    subscriber = services.subscribe_member("marta@example.org")
    services.unsubscribe(subscriber, ConsentCause.MEMBER_AREA)
    services.subscribe_member("marta@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
