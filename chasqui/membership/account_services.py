"""Changes a member makes to their own membership. Each is one transaction and leaves a MemberEvent
signed "member", so the secretary sees who changed what."""

import logging

import stripe
from django.db import transaction
from django.utils import timezone

from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

from . import gift_aid, services, stripe_client
from .choices import DeclarationSource, PaymentMethod
from .models import GiftAidDeclaration, Member

logger = logging.getLogger(__name__)

ACTOR = "member"
ADDRESS_FIELDS = ["address_line_1", "address_line_2", "town", "county", "postcode", "country"]


class GiftAidNotAllowed(Exception):
    """Gift Aid needs a UK home address with a postcode."""


def _locked(member):
    return Member.objects.select_for_update().get(pk=member.pk)


@transaction.atomic
def change_plan(member, plan):
    """The new plan applies from the next renewal; choosing the current plan undoes a pending change."""
    member = _locked(member)
    next_plan = None if plan.pk == member.plan_id else plan
    if member.next_plan_id == (next_plan.pk if next_plan else None):
        return member
    services.log_event(
        member,
        "next_plan",
        actor_label=ACTOR,
        changes={"next_plan": [member.next_plan_id, next_plan.pk if next_plan else None]},
        note=f"from next renewal: {next_plan}" if next_plan else "pending plan change withdrawn",
    )
    member.next_plan = next_plan
    member.save(update_fields=["next_plan", "updated_at"])
    return member


@transaction.atomic
def change_payment_method(member, method):
    member = _locked(member)
    if member.payment_method == method:
        return member
    services.log_event(
        member,
        "payment_method",
        actor_label=ACTOR,
        changes={"payment_method": [member.payment_method, method]},
        note=f"now pays by {PaymentMethod(method).label}",
    )
    member.payment_method = method
    member.save(update_fields=["payment_method", "updated_at"])
    return member


@transaction.atomic
def update_address(member, data):
    """Saves the address fields in `data`; logs which ones changed."""
    member = _locked(member)
    changes = {
        field: [getattr(member, field), data[field]]
        for field in ADDRESS_FIELDS
        if field in data and getattr(member, field) != data[field]
    }
    if not changes:
        return member
    for field, (_old, new) in changes.items():
        setattr(member, field, new)
    member.save(update_fields=[*changes, "updated_at"])
    services.log_event(member, "address", actor_label=ACTOR, changes=changes)
    return member


@transaction.atomic
def set_bulletin_consent(member, consent):
    """Consent subscribes the member's address to the bulletin; withdrawing unsubscribes it.

    An address that bounced or was reported as spam stays off the list whatever the box says.
    """
    member = _locked(member)
    if consent:
        subscriber = subscriber_services.subscribe_member(member.email, member.full_name, member.language)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            # Signing in proved the address is theirs, so ticking the box here is a fresh opt-in.
            subscriber_services.change_status(
                subscriber, SubscriberStatus.SUBSCRIBED, ConsentCause.MEMBER_AREA
            )
    else:
        subscriber = Subscriber.objects.filter(
            email=subscriber_services.normalise_email(member.email)
        ).first()
        if subscriber is not None:
            subscriber_services.change_status(
                subscriber, SubscriberStatus.UNSUBSCRIBED, ConsentCause.MEMBER_AREA
            )
    if member.bulletin_consent != consent:
        services.log_event(
            member,
            "bulletin_consent",
            actor_label=ACTOR,
            changes={"bulletin_consent": [member.bulletin_consent, consent]},
        )
        member.bulletin_consent = consent
        member.save(update_fields=["bulletin_consent", "updated_at"])
    return member


def receives_bulletin(member):
    return Subscriber.objects.receiving().filter(email__iexact=member.email).exists()


def can_declare_gift_aid(member):
    return member.is_uk and bool(member.address_line_1.strip()) and bool(member.postcode.strip())


def home_address(member):
    lines = [member.address_line_1, member.address_line_2, member.town, member.county]
    return "\n".join(line.strip() for line in lines if line.strip())


@transaction.atomic
def declare_gift_aid(member, charity_name, now=None):
    """Record a new enduring declaration exactly as shown, with a snapshot of name and address."""
    member = _locked(member)
    if not can_declare_gift_aid(member):
        raise GiftAidNotAllowed
    existing = member.active_gift_aid_declaration
    if existing is not None:
        return existing
    declaration = GiftAidDeclaration.objects.create(
        member=member,
        declared_at=now or timezone.now(),
        wording_version=gift_aid.WORDING_VERSION,
        wording=gift_aid.declaration_wording(charity_name),
        title=member.title,
        first_name=member.first_name,
        last_name=member.last_name,
        address=home_address(member),
        postcode=member.postcode,
        source=DeclarationSource.MEMBER_AREA,
    )
    services.log_event(
        member,
        "gift_aid_declared",
        actor_label=ACTOR,
        changes={"gift_aid_declaration": [None, declaration.pk]},
        note=f"wording {declaration.wording_version}",
    )
    return declaration


@transaction.atomic
def cancel_gift_aid(member, now=None):
    """A cancellation is recorded on the declaration, which is kept for claims already made."""
    member = _locked(member)
    now = now or timezone.now()
    declarations = list(member.gift_aid_declarations.select_for_update().filter(cancelled_at__isnull=True))
    for declaration in declarations:
        declaration.cancelled_at = now
        declaration.cancellation_source = DeclarationSource.MEMBER_AREA
        declaration.save(update_fields=["cancelled_at", "cancellation_source"])
        services.log_event(
            member,
            "gift_aid_cancelled",
            actor_label=ACTOR,
            changes={"gift_aid_declaration": [declaration.pk, None]},
        )
    return declarations


def cancel_membership(member):
    """Cancel, and stop an automatic card renewal so the member is not charged again."""
    member = services.cancel(member, actor_label=ACTOR, note="cancelled in the members' area")
    if member.stripe_subscription_id:
        stop_card_subscription(member)
    return member


def stop_card_subscription(member):
    """Stripe is told after the cancellation is saved; a failure is logged for the secretary to follow up."""
    if not stripe_client.is_configured():
        services.log_event(
            member,
            "stripe_subscription",
            actor_label="system",
            note="card payments are not configured; cancel the subscription in Stripe by hand",
        )
        return False
    try:
        stripe_client.cancel_subscription(member.stripe_subscription_id)
    except stripe.StripeError:
        logger.exception("Could not cancel Stripe subscription for member %s", member.pk)
        services.log_event(
            member,
            "stripe_subscription",
            actor_label="system",
            note="Stripe did not confirm the cancellation; cancel the subscription in Stripe",
        )
        return False
    services.log_event(member, "stripe_subscription", actor_label=ACTOR, note="card subscription cancelled")
    return True
