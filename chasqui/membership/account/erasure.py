"""Erasing a member's personal data on request, while keeping what the accounts must keep.

Kept, linked to the anonymised member (who keeps their membership number, which is not personal
on its own): payments (amount, date, method, reference, period), membership history, reminders,
and each Gift Aid declaration's date, wording and version, and its cancellation. Removed: name,
email, address, notes, Stripe identifiers, the names and address copied into declarations, and
any of those values found inside payment references, history notes, stored Stripe webhook
payloads and the admin's action log. The bulletin subscription with the member's address is
unsubscribed, then its address is anonymised too.

HMRC may ask to see the declaration behind Gift Aid already claimed; a charity that needs the
named declaration for that should keep its Gift Aid claim export for the claimed period (made
before the erasure) with its accounts.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause

from ..addresses import ADDRESS_FIELDS
from ..billing.stripe_events import stripe_events_about
from ..choices import DeclarationSource, MemberAction, MembershipStatus
from ..history import log_event, set_status
from ..models import Member, SignInCode
from ..secretary import audit

ERASED_NAME = "Erased"
ERASED_TEXT = "[erased]"
# Searched for in other text and removed; a title ("Mrs") or a country alone identifies nobody.
MEMBER_PERSONAL_FIELDS = [name for name in Member.CONTACT_FIELDS if name not in {"title", "country"}]
# Blanked on the member (the name and email are replaced; a country alone identifies nobody).
ERASED_FIELDS = [*(name for name in ADDRESS_FIELDS if name != "country"), "notes"]
# Keys in Stripe's objects that hold who paid: removed from stored webhook payloads.
STRIPE_PERSONAL_KEYS = {
    "address",
    "billing_details",
    "customer_address",
    "customer_details",
    "customer_email",
    "customer_name",
    "customer_phone",
    "email",
    "name",
    "phone",
    "receipt_email",
    "shipping",
    "shipping_details",
}
# Values shorter than this are not searched for inside other text ("Al" would match everywhere).
MIN_SCRUB_LENGTH = 3


def erased_email(member):
    return f"erased-{member.pk}@invalid.example"


def _without_accents(text):
    """ "Quispeño" as a bank writes it in a reference: "Quispeno"."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _personal_values(member, subscription):
    values = {str(getattr(member, field) or "").strip() for field in MEMBER_PERSONAL_FIELDS}
    values |= {member.full_name, f"{member.first_name} {member.last_name}"}
    values |= {member.stripe_customer_id, member.stripe_subscription_id}
    for declaration in member.gift_aid_declarations.all():
        values |= {declaration.first_name, declaration.last_name, declaration.postcode}
        values |= set(declaration.address.splitlines())
    if subscription is not None:
        values |= {subscription["email"], subscription["name"]}
    values = {value.strip() for value in values if value and len(value.strip()) >= MIN_SCRUB_LENGTH}
    values |= {_without_accents(value) for value in values}
    values |= {value.replace(" ", "") for value in (member.postcode, *values) if " " in value}  # "WV11AA"
    values = {value for value in values if len(value) >= MIN_SCRUB_LENGTH}
    return sorted(values, key=len, reverse=True)  # longest first, so a full name goes before its parts


def _scrubber(values):
    if not values:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(value) for value in values), re.IGNORECASE)

    def scrub(value):
        if isinstance(value, str):
            return pattern.sub(ERASED_TEXT, value)
        if isinstance(value, list):
            return [scrub(item) for item in value]
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        return value

    return scrub


def _redact_stripe(value, scrub):
    if isinstance(value, dict):
        return {
            key: None if key in STRIPE_PERSONAL_KEYS else _redact_stripe(item, scrub)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redact_stripe(item, scrub) for item in value]
    return scrub(value)


def _scrub_changes(changes, scrub):
    """Values of personal fields go entirely; other values lose any personal text inside them."""
    return {
        key: ([ERASED_TEXT] * len(value) if isinstance(value, list) else ERASED_TEXT)
        if key in MEMBER_PERSONAL_FIELDS or key in {"title", "notes", "address"}
        else scrub(value)
        for key, value in changes.items()
    }


def _scrub_payments(member, scrub):
    """Amounts, dates and methods stay for the accounts; names and addresses leave the reference
    and the idempotency key (which copies an offline payment's reference)."""
    for payment in member.payments.all():
        reference, key = scrub(payment.reference), scrub(payment.idempotency_key)
        if (reference, key) == (payment.reference, payment.idempotency_key):
            continue
        payment.reference = reference
        if key != payment.idempotency_key:
            payment.idempotency_key = f"erased-{payment.pk}:{key}"[:200]  # still unique
        payment.save(update_fields=["reference", "idempotency_key"])


def _scrub_admin_log(member, scrub):
    """The admin's own action log names the member too."""
    for entry in ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(member.pk)
    ):
        entry.label = str(member)
        entry.data = scrub(entry.data or {})
        entry.save(update_fields=["label", "data"])


@transaction.atomic
def erase_member(member, *, actor=None, actor_label="member"):
    """Remove the member's personal data in one transaction; returns the anonymised member."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.erased_at:
        return member
    now = timezone.now()
    subscription = subscriber_services.subscription_data(member.email)
    scrub = _scrubber(_personal_values(member, subscription))

    _scrub_payments(member, scrub)

    for declaration in member.gift_aid_declarations.select_for_update():
        declaration.title = ""
        declaration.first_name = ERASED_NAME
        declaration.last_name = ERASED_NAME
        declaration.address = ""
        declaration.postcode = ""
        if declaration.cancelled_at is None:
            declaration.cancelled_at = now
            declaration.cancellation_source = DeclarationSource.MEMBER_AREA
        declaration.save()

    for event in member.events.all():
        event.changes = _scrub_changes(event.changes or {}, scrub)
        event.note = scrub(event.note)
        event.save(update_fields=["changes", "note"])

    subscriber_services.erase_address_everywhere(
        member.email, scrub, ConsentCause.MEMBER_AREA, "member asked for erasure"
    )

    for stripe_event in stripe_events_about(member).select_for_update():
        stripe_event.payload = _redact_stripe(stripe_event.payload, scrub)
        stripe_event.save(update_fields=["payload"])

    SignInCode.objects.filter(member=member).delete()

    set_status(member, MembershipStatus.CANCELLED, actor=actor, actor_label=actor_label)
    member.title = ""
    member.first_name = ERASED_NAME
    member.last_name = ERASED_NAME
    member.email = erased_email(member)
    for field in ERASED_FIELDS:
        setattr(member, field, "")
    member.bulletin_consent = False
    member.stripe_customer_id = ""
    member.stripe_subscription_id = ""
    member.erased_at = now
    member.save()
    _scrub_admin_log(member, scrub)
    log_event(member, MemberAction.ERASED, actor=actor, actor_label=actor_label, note="personal data erased")
    audit.member_erased(member, scrub, actor=actor)
    return member
