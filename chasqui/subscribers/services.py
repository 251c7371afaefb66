"""Every change to a subscriber goes through here, so the consent ledger is complete."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from chasqui.core import ratelimit

from . import links
from .choices import ConsentCause, SubscriberStatus
from .models import ConsentEvent, Subscriber

logger = logging.getLogger(__name__)

# Statuses in which nobody receives bulletins because the reader (or their mail server) said no.
WITHDRAWN = (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED)

# A confirmation email at most this often per address, whatever is typed into the forms.
CONFIRMATIONS_PER_ADDRESS = getattr(settings, "CHASQUI_SUBSCRIBE_EMAILS_PER_ADDRESS", 3)
CONFIRMATIONS_WINDOW_SECONDS = 60 * 60


def normalise_email(email):
    return email.strip().lower()


def normalise_language(code):
    """One of settings.LANGUAGES for a code such as "es-PE" or "ES"; the site default otherwise."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    known = {language for language, _ in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


@transaction.atomic
def change_status(subscriber, to_status, cause, detail=""):
    """Move a subscriber to a new status and record why; a no-op when nothing changes."""
    if subscriber.pk and subscriber.status == to_status:
        return subscriber
    from_status = subscriber.status if subscriber.pk else ""
    now = timezone.now()
    subscriber.status = to_status
    subscriber.status_changed_at = now
    if to_status == SubscriberStatus.SUBSCRIBED and not subscriber.confirmed_at:
        subscriber.confirmed_at = now
    subscriber.save()
    ConsentEvent.objects.create(
        subscriber=subscriber, from_status=from_status, to_status=to_status, cause=cause, detail=detail[:500]
    )
    return subscriber


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
    """Someone asks for the bulletin: a confirmation email goes out unless they already receive it.

    The caller shows the same "check your email" answer whatever happened here, so the
    form never reveals who is on the list.
    """
    email = normalise_email(email)
    subscriber = _locked(email)
    if subscriber is None:
        subscriber = _create(email, name, language, SubscriberStatus.PENDING, cause, detail)
        subscriber = subscriber or _locked(email)
    elif subscriber.status == SubscriberStatus.SUBSCRIBED:
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
    from .tasks import send_confirmation_email

    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
    send_confirmation_email.enqueue(subscriber.pk)


def organisation_name():
    """The charity's name from the default site's settings (emails are sent outside any request)."""
    from wagtail.models import Site

    from chasqui.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return SiteSettings._meta.get_field("organisation_name").default
    return SiteSettings.for_site(site).organisation_name


def confirmation_message(subscriber):
    """The confirmation email, in the subscriber's language, as plain text with an HTML alternative."""
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "organisation_name": organisation_name(),
            "confirm_url": links.confirm_url(subscriber),
            "confirm_days": settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS,
            "language_code": subscriber.language,
        }
        subject = render_to_string("subscribers/email/confirm_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("subscribers/email/confirm.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
        )
        message.attach_alternative(render_to_string("subscribers/email/confirm.html", context), "text/html")
    return message


def send_confirmation(subscriber):
    """Sends now; returns False when there is nothing to confirm any more."""
    if subscriber.status != SubscriberStatus.PENDING:
        return False
    with mailers.default as connection:
        connection.send_messages([confirmation_message(subscriber)])
    return True


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


@dataclass
class Expiry:
    deleted: int = 0
    reverted: int = 0


def expire_pending(now=None):
    """Forget sign-ups left unconfirmed past CHASQUI_SUBSCRIBER_CONFIRM_DAYS.

    An address that was never anything but pending is deleted with its ledger (no consent,
    nothing to keep); one with an earlier history goes back to its previous status, noted
    in the ledger, so the record of an earlier subscription or unsubscription survives.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS)
    result = Expiry()
    for subscriber_id in Subscriber.objects.pending_since_before(cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            subscriber = (
                Subscriber.objects.select_for_update().pending_since_before(cutoff).filter(pk=subscriber_id)
            ).first()
            if subscriber is None:
                continue
            events = subscriber.consent_events.order_by("-at", "-pk")
            if not events.exclude(to_status=SubscriberStatus.PENDING).exists():
                subscriber.delete()
                result.deleted += 1
                continue
            latest_into_pending = events.filter(to_status=SubscriberStatus.PENDING).first()
            previous = (
                latest_into_pending and latest_into_pending.from_status
            ) or SubscriberStatus.UNSUBSCRIBED
            change_status(subscriber, previous, ConsentCause.EXPIRED)
            result.reverted += 1
    return result


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
