"""Membership operations. Every change to a member or their money goes through a function here,
inside one transaction, and leaves a MemberEvent behind."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from . import emails
from .choices import DeclarationSource, MembershipStatus, PaymentMethod, PaymentSource
from .models import GiftAidDeclaration, Member, MemberEvent, MembershipSettings, NumberSequence, Payment

MEMBERSHIP_PERIOD = relativedelta(years=1)


def default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def membership_settings():
    return MembershipSettings.for_site(default_site())


def site_settings():
    """The charity's name, address and charity number (emails are sent outside any request)."""
    from chasqui.core.models import SiteSettings

    return SiteSettings.for_site(default_site())


def organisation_name():
    return site_settings().organisation_name


def next_membership_number():
    """Take the next number from the sequence; a number once taken is never handed out again."""
    sequence, _ = NumberSequence.objects.get_or_create(name="membership")
    NumberSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + 1)
    sequence.refresh_from_db()
    return membership_settings().format_number(sequence.last_value)


def reserve_membership_number(value):
    """Make sure the sequence never issues `value` (used when importing existing numbers)."""
    sequence, _ = NumberSequence.objects.get_or_create(name="membership")
    NumberSequence.objects.filter(pk=sequence.pk, last_value__lt=value).update(last_value=value)


def log_event(member, action, *, actor=None, actor_label="", changes=None, note=""):
    return MemberEvent.objects.create(
        member=member,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label,
        changes=changes or {},
        note=note[:500],
    )


def set_status(member, status, *, actor=None, actor_label="", note=""):
    """Change status and log the transition; saving is the caller's job inside its transaction."""
    if member.status == status:
        return False
    log_event(
        member,
        "status",
        actor=actor,
        actor_label=actor_label,
        changes={"status": [member.status, status]},
        note=note,
    )
    member.status = status
    member.status_changed_at = timezone.now()
    return True


def new_expiry(member, today):
    """A payment extends membership by one period from the later of today and the current expiry."""
    start = max(today, member.expires_on) if member.expires_on else today
    return start, start + MEMBERSHIP_PERIOD


def record_payment(
    member,
    *,
    amount_pence,
    paid_on,
    method,
    source,
    idempotency_key,
    reference="",
    stripe_payment_id="",
    recorded_by=None,
    actor_label="",
    today=None,
    send_receipt=True,
):
    """Record money received and extend the membership; returns (payment, created).

    A second call with the same idempotency key returns the first payment and changes nothing.
    """
    today = today or timezone.localdate()
    existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            member = Member.objects.select_for_update().get(pk=member.pk)
            if member.next_plan_id:
                log_event(
                    member,
                    "plan",
                    actor=recorded_by,
                    actor_label=actor_label,
                    changes={"plan": [member.plan_id, member.next_plan_id]},
                    note="plan change applied on renewal",
                )
                member.plan_id, member.next_plan_id = member.next_plan_id, None
            period_start, period_end = new_expiry(member, today)
            payment = Payment.objects.create(
                member=member,
                amount_pence=amount_pence,
                paid_on=paid_on,
                method=method,
                source=source,
                reference=reference,
                plan_id=member.plan_id,
                idempotency_key=idempotency_key,
                stripe_payment_id=stripe_payment_id,
                period_start=period_start,
                period_end=period_end,
                recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
            )
            log_event(
                member,
                "payment",
                actor=recorded_by,
                actor_label=actor_label,
                changes={"expires_on": [_iso(member.expires_on), _iso(period_end)]},
                note=f"{payment.amount_pounds} by {PaymentMethod(method).label}",
            )
            member.expires_on = period_end
            set_status(member, MembershipStatus.ACTIVE, actor=recorded_by, actor_label=actor_label)
            member.save()
            if send_receipt:
                transaction.on_commit(lambda: emails.send_receipt(payment.pk))
    except IntegrityError:
        # A concurrent call with the same key won the race.
        return Payment.objects.get(idempotency_key=idempotency_key), False
    return payment, True


class AlreadyAMember(Exception):
    """Someone with this email address is already a member."""


ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "county", "postcode", "country")


def join(
    *,
    first_name,
    last_name,
    email,
    plan,
    payment_method,
    title="",
    address_line_1="",
    address_line_2="",
    town="",
    county="",
    postcode="",
    country="GB",
    language="en",
    bulletin_consent=False,
    gift_aid=False,
    today=None,
):
    """A new member, pending until their first payment: number, history, Gift Aid and bulletin
    consent are written together or not at all; the welcome email goes once it is all saved."""
    from chasqui.subscribers.services import subscribe_member

    from .gift_aid import WORDING_VERSION, declaration_wording

    today = today or timezone.localdate()
    email = email.strip()
    if Member.objects.filter(email__iexact=email).exists():
        raise AlreadyAMember(email)
    try:
        with transaction.atomic():
            member = Member.objects.create(
                number=next_membership_number(),
                title=title,
                first_name=first_name,
                last_name=last_name,
                email=email,
                address_line_1=address_line_1,
                address_line_2=address_line_2,
                town=town,
                county=county,
                postcode=postcode,
                country=country,
                language=language,
                plan=plan,
                payment_method=payment_method,
                joined_on=today,
                bulletin_consent=bulletin_consent,
            )
            log_event(
                member,
                "joined",
                actor_label="member",
                changes={"plan": plan.slug, "payment_method": payment_method},
            )
            if gift_aid:
                GiftAidDeclaration.objects.create(
                    member=member,
                    wording_version=WORDING_VERSION,
                    wording=declaration_wording(organisation_name()),
                    title=title,
                    first_name=first_name,
                    last_name=last_name,
                    address=", ".join(
                        part for part in (address_line_1, address_line_2, town, county) if part
                    ),
                    postcode=postcode,
                    source=DeclarationSource.JOIN_FORM,
                )
                log_event(
                    member, "gift_aid", actor_label="member", note="Gift Aid declaration made on joining"
                )
            if bulletin_consent:
                subscribe_member(email, member.full_name, language)
            transaction.on_commit(lambda: emails.send_welcome(member.pk))
    except IntegrityError as error:
        # Two forms sent at once with the same address: the second finds the first.
        if Member.objects.filter(email__iexact=email).exists():
            raise AlreadyAMember(email) from error
        raise
    return member


def offline_payment_key(member, paid_on, amount_pence, reference):
    """Same member, day, amount and reference: the same payment recorded twice by mistake."""
    return f"offline:{member.pk}:{paid_on.isoformat()}:{amount_pence}:{reference.strip().lower()}"


@transaction.atomic
def cancel(member, *, actor=None, actor_label="", note=""):
    member = Member.objects.select_for_update().get(pk=member.pk)
    if set_status(member, MembershipStatus.CANCELLED, actor=actor, actor_label=actor_label, note=note):
        member.save()
    return member


@transaction.atomic
def apply_expiry(member, *, today, grace_days):
    """Move one member along active → grace → lapsed according to the date; returns the new status
    if it changed."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    target = status_on(member, today, grace_days)
    if target and set_status(member, target, actor_label="system"):
        member.save()
        return target
    return None


def status_on(member, today, grace_days):
    """The status the calendar gives an active or grace member today (None: no change)."""
    if member.status not in (MembershipStatus.ACTIVE, MembershipStatus.GRACE) or not member.expires_on:
        return None
    if today <= member.expires_on:
        return MembershipStatus.ACTIVE if member.status != MembershipStatus.ACTIVE else None
    if today <= member.expires_on + datetime.timedelta(days=grace_days):
        return MembershipStatus.GRACE if member.status != MembershipStatus.GRACE else None
    return MembershipStatus.LAPSED


def _iso(value):
    return value.isoformat() if value else None


__all__ = [
    "AlreadyAMember",
    "join",
    "PaymentSource",
    "apply_expiry",
    "cancel",
    "log_event",
    "membership_settings",
    "new_expiry",
    "next_membership_number",
    "offline_payment_key",
    "record_payment",
    "reserve_membership_number",
    "set_status",
    "status_on",
]
