"""Every change to a subscriber goes through here, so the consent ledger is complete.

The ledger itself, the confirmation email and the expiry of unconfirmed sign-ups live in their
own modules (so background tasks can use them); their functions are importable from here too.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from chasqui.core import ratelimit

from .choices import ConsentCause, SubscriberStatus
from .confirmation import confirmation_message, organisation_name, send_confirmation
from .expiry import Expiry, expire_pending
from .ledger import WITHDRAWN, change_status, normalise_email, normalise_language
from .models import ConsentEvent, Subscriber
from .signals import address_erased
from .tasks import send_confirmation_email

__all__ = [
    "PROVIDER_EVENTS",
    "WITHDRAWN",
    "ConsentEvent",
    "Expiry",
    "SignUp",
    "Subscriber",
    "change_status",
    "confirm",
    "confirmation_message",
    "erase_address",
    "expire_pending",
    "is_receiving_address",
    "normalise_email",
    "normalise_language",
    "opt_in_member",
    "organisation_name",
    "queue_confirmation",
    "record_provider_event",
    "send_confirmation",
    "sign_up",
    "subscription_data",
    "subscribe_member",
    "unsubscribe",
    "withdraw_address",
]

logger = logging.getLogger(__name__)

# Statuses the sign-up form leaves as they are, sending nothing: the address already receives the
# bulletin, or its owner reported our mail as spam, or it does not accept mail.
NEVER_EMAILED = (SubscriberStatus.SUBSCRIBED, SubscriberStatus.COMPLAINED, SubscriberStatus.BOUNCED)

# A confirmation email at most this often per address, whatever is typed into the forms.
CONFIRMATIONS_PER_ADDRESS = getattr(settings, "CHASQUI_SUBSCRIBE_EMAILS_PER_ADDRESS", 3)
CONFIRMATIONS_WINDOW_SECONDS = 60 * 60


def _locked(email):
    """The subscriber with this address, locked for the rest of the transaction, or None."""
    return Subscriber.objects.select_for_update().filter(email=email).first()


def _create(email, name, language, status, cause, detail=""):
    """A new subscriber whose first ledger entry says how they arrived."""
    subscriber = Subscriber(email=email, name=name, language=normalise_language(language), status=status)
    try:
        with transaction.atomic():
            return change_status(subscriber, status, cause, detail)
    except IntegrityError:
        # Another request created the same address a moment ago; carry on with theirs.
        return None


@transaction.atomic
def subscribe_member(email, name="", language="en"):
    """A member who consented on joining is subscribed without a second confirmation.

    Someone who has unsubscribed, bounced or complained stays as they are.
    """
    email = normalise_email(email)
    subscriber = _locked(email) or _create(
        email, name, language, SubscriberStatus.SUBSCRIBED, ConsentCause.MEMBER_CONSENT
    )
    if subscriber is None:
        subscriber = _locked(email)
    if subscriber.status == SubscriberStatus.PENDING:
        change_status(subscriber, SubscriberStatus.SUBSCRIBED, ConsentCause.MEMBER_CONSENT)
    return subscriber


@dataclass
class SignUp:
    subscriber: Subscriber
    confirmation_queued: bool


@transaction.atomic
def sign_up(email, name="", language="en", cause=ConsentCause.SIGN_UP_FORM, detail=""):
    """Someone asks for the bulletin: a confirmation email goes out unless they already receive it,
    or the address complained or bounced (the form must not become a way to mail it anyway).

    The caller shows the same "check your email" answer whatever happened here, so the
    form never reveals who is on the list.
    """
    email = normalise_email(email)
    subscriber = _locked(email)
    if subscriber is None:
        subscriber = _create(email, name, language, SubscriberStatus.PENDING, cause, detail)
        subscriber = subscriber or _locked(email)
    elif subscriber.status in NEVER_EMAILED:
        return SignUp(subscriber, confirmation_queued=False)
    elif subscriber.status == SubscriberStatus.PENDING:
        # Still unconfirmed, so nothing is lost by taking the latest name and language.
        subscriber.name = name or subscriber.name
        subscriber.language = normalise_language(language)
        subscriber.save(update_fields=["name", "language"])
    else:
        subscriber.language = normalise_language(language)
        subscriber.name = name or subscriber.name
        change_status(subscriber, SubscriberStatus.PENDING, cause, detail)
    if subscriber.status != SubscriberStatus.PENDING or not _may_email(email):
        return SignUp(subscriber, confirmation_queued=False)
    queue_confirmation(subscriber)
    return SignUp(subscriber, confirmation_queued=True)


def _may_email(email):
    """At most a few confirmation emails an hour to one address, so the form cannot be used to pester."""
    return ratelimit.hit(f"confirmations:{email}", CONFIRMATIONS_PER_ADDRESS, CONFIRMATIONS_WINDOW_SECONDS)


def queue_confirmation(subscriber):
    """Send the confirmation email in the background; the expiry clock restarts with it."""
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
    send_confirmation_email.enqueue(subscriber.pk)


@transaction.atomic
def confirm(subscriber):
    """The reader pressed Confirm: only a pending sign-up becomes a subscription."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != SubscriberStatus.PENDING:
        return subscriber, False
    change_status(subscriber, SubscriberStatus.SUBSCRIBED, ConsentCause.CONFIRMED)
    return subscriber, True


@transaction.atomic
def unsubscribe(subscriber, cause=ConsentCause.UNSUBSCRIBE_LINK, detail=""):
    """Leave the list; someone already unsubscribed stays as they are."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        change_status(subscriber, SubscriberStatus.UNSUBSCRIBED, cause, detail)
    return subscriber


# What a mail provider's report does to an address, and from which statuses.
PROVIDER_EVENTS = {
    "bounced": (SubscriberStatus.BOUNCED, ConsentCause.BOUNCE),
    "complained": (SubscriberStatus.COMPLAINED, ConsentCause.COMPLAINT),
    "unsubscribed": (SubscriberStatus.UNSUBSCRIBED, ConsentCause.PROVIDER_UNSUBSCRIBE),
}


@transaction.atomic
def record_provider_event(email, event_type, detail=""):
    """Apply a bounce, complaint or unsubscribe reported by the mail provider.

    A complaint always wins (never mail that person again); a bounce or unsubscribe only
    changes an address that is still pending or subscribed, so a stronger status is kept.
    Returns the subscriber, or None when the address is not on the list or the event is irrelevant.
    """
    if event_type not in PROVIDER_EVENTS or not email:
        return None
    subscriber = _locked(normalise_email(email))
    if subscriber is None:
        return None
    to_status, cause = PROVIDER_EVENTS[event_type]
    if to_status != SubscriberStatus.COMPLAINED and subscriber.status in WITHDRAWN:
        return subscriber
    return change_status(subscriber, to_status, cause, detail)


# What other apps (membership) ask of the list about one person's address.


def is_receiving_address(email):
    """Whether bulletins go to this address now (subscribed, not bounced or withdrawn)."""
    return Subscriber.objects.receiving().filter(email__iexact=email.strip()).exists()


@transaction.atomic
def opt_in_member(email, name="", language="en", cause=ConsentCause.MEMBER_AREA):
    """A signed-in member ticked the bulletin box: subscribed, and a past unsubscribe is lifted.

    Signing in proved the address is theirs, so the tick is a fresh opt-in; an address that
    bounced or was reported as spam stays off the list.
    """
    subscriber = subscribe_member(email, name, language)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        change_status(subscriber, SubscriberStatus.SUBSCRIBED, cause)
    return subscriber


@transaction.atomic
def withdraw_address(email, cause, detail=""):
    """Unsubscribe this address if it is on the list (recorded with `cause`); returns the subscriber."""
    subscriber = _locked(normalise_email(email))
    if subscriber is not None:
        change_status(subscriber, SubscriberStatus.UNSUBSCRIBED, cause, detail)
    return subscriber


def subscription_data(email):
    """A person's list entry and its consent ledger as plain data (their right of access), or None."""
    subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "status": subscriber.status,
        "created_at": subscriber.created_at,
        "confirmed_at": subscriber.confirmed_at,
        "consent_events": [
            {
                "at": event.at,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "cause": event.cause,
                "detail": event.detail,
            }
            for event in subscriber.consent_events.order_by("at", "pk")
        ],
    }


@transaction.atomic
def erase_address(email, scrub, cause, detail=""):
    """Erasure on request: unsubscribe the address, pass each ledger note through `scrub` (which
    removes the person's details from a text), then anonymise the address and name.

    The ledger's dates and statuses stay, as proof of what consent there was. Returns whether the
    address was on the list.
    """
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email.strip()).first()
    if subscriber is None:
        return False
    change_status(subscriber, SubscriberStatus.UNSUBSCRIBED, cause, detail)
    for consent_event in subscriber.consent_events.all():
        scrubbed = scrub(consent_event.detail)
        if scrubbed != consent_event.detail:
            consent_event.detail = scrubbed
            consent_event.save(update_fields=["detail"])
    Subscriber.objects.filter(pk=subscriber.pk).update(
        email=f"erased-subscriber-{subscriber.pk}@invalid.example", name=""
    )
    return True


@transaction.atomic
def change_address(old, new, cause=ConsentCause.MEMBER_AREA):
    """A person's address changed (proved by a code sent to the new one): their entry follows it,
    with the change in the ledger. If the new address is already on the list, that entry stands and
    the old one is withdrawn. Returns the entry at the new address, or None."""
    old, new = normalise_email(old), normalise_email(new)
    subscriber = _locked(old)
    if subscriber is None or old == new:
        return subscriber
    existing = _locked(new)
    if existing is not None:
        change_status(subscriber, SubscriberStatus.UNSUBSCRIBED, cause, "address changed to one on the list")
        return existing
    subscriber.email = new
    subscriber.save(update_fields=["email"])
    ConsentEvent.objects.create(
        subscriber=subscriber,
        from_status=subscriber.status,
        to_status=subscriber.status,
        cause=cause,
        detail="address changed",
    )
    return subscriber


def erase_address_everywhere(email, scrub, cause, detail=""):
    """`erase_address`, then every app holding a copy of the address (bulletin deliveries) is told
    through the `address_erased` signal, in the same transaction. Returns whether it was listed."""
    subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
    listed = erase_address(email, scrub, cause, detail)
    address_erased.send(
        sender=Subscriber, email=email, subscriber_id=subscriber.pk if subscriber else None, scrub=scrub
    )
    return listed
