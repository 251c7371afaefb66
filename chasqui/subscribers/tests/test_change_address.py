"""A member's new address carries their bulletin subscription and its ledger with it."""

from chasqui.subscribers import services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber


def test_the_entry_follows_the_new_address(db):
    services.subscribe_member("old@example.org", "Rosa")
    services.change_address("old@example.org", "New@Example.org", ConsentCause.MEMBER_AREA)
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "new@example.org"
    assert services.is_receiving_address("new@example.org")
    assert not services.is_receiving_address("old@example.org")
    assert subscriber.consent_events.last().detail == "address changed"


def test_an_address_already_on_the_list_keeps_its_entry(db):
    services.subscribe_member("old@example.org")
    services.subscribe_member("new@example.org")
    services.change_address("old@example.org", "new@example.org")
    assert Subscriber.objects.get(email="old@example.org").status == SubscriberStatus.UNSUBSCRIBED
    assert services.is_receiving_address("new@example.org")


def test_an_address_not_on_the_list_changes_nothing(db):
    assert services.change_address("old@example.org", "new@example.org") is None
    assert not Subscriber.objects.exists()
