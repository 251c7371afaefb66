"""Changes a member makes to their own membership. Each is one transaction and leaves a MemberEvent
signed "member", so the secretary sees who changed what."""

from django.db import transaction

from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause

from ..addresses import ADDRESS_FIELDS
from ..billing.services import stop_card_subscription
from ..choices import MemberAction, PaymentMethod
from ..history import log_event
from ..lifecycle.services import cancel
from ..models import Member

ACTOR = "member"


def _locked(member):
    return Member.objects.select_for_update().get(pk=member.pk)


@transaction.atomic
def change_plan(member, plan):
    """The new plan applies from the next renewal; choosing the current plan undoes a pending change."""
    member = _locked(member)
    next_plan = None if plan.pk == member.plan_id else plan
    if member.next_plan_id == (next_plan.pk if next_plan else None):
        return member
    log_event(
        member,
        MemberAction.NEXT_PLAN,
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
    log_event(
        member,
        MemberAction.PAYMENT_METHOD,
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
    log_event(member, MemberAction.ADDRESS, actor_label=ACTOR, changes=changes)
    return member


@transaction.atomic
def set_bulletin_consent(member, consent):
    """Consent subscribes the member's address to the bulletin; withdrawing unsubscribes it.

    An address that bounced or was reported as spam stays off the list whatever the box says.
    """
    member = _locked(member)
    if consent:
        subscriber_services.opt_in_member(
            member.email, member.full_name, member.language, ConsentCause.MEMBER_AREA
        )
    else:
        subscriber_services.withdraw_address(member.email, ConsentCause.MEMBER_AREA)
    if member.bulletin_consent != consent:
        log_event(
            member,
            MemberAction.BULLETIN_CONSENT,
            actor_label=ACTOR,
            changes={"bulletin_consent": [member.bulletin_consent, consent]},
        )
        member.bulletin_consent = consent
        member.save(update_fields=["bulletin_consent", "updated_at"])
    return member


def receives_bulletin(member):
    return subscriber_services.is_receiving_address(member.email)


def cancel_membership(member):
    """Cancel, and stop an automatic card renewal so the member is not charged again."""
    member = cancel(member, actor_label=ACTOR, note="cancelled in the members' area")
    if member.stripe_subscription_id:
        stop_card_subscription(member, actor_label=ACTOR)
    return member
