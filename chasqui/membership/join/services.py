"""Joining: a new member, pending until their first payment."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from chasqui.subscribers import services as subscriber_services

from .. import emails
from ..addresses import UNITED_KINGDOM
from ..choices import MemberAction
from ..gift_aid.services import declare_on_joining
from ..history import log_event
from ..models import Member
from ..numbers import next_membership_number
from ..organisation import organisation_name


class AlreadyAMember(Exception):
    """Someone with this email address is already a member."""


def member_with_email(email):
    """The member (not erased) using this address, if any."""
    return Member.objects.not_erased().filter(email__iexact=email.strip()).first()


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
    country=UNITED_KINGDOM,
    language="en",
    bulletin_consent=False,
    gift_aid=False,
    today=None,
):
    """A new member, pending until their first payment: number, history, Gift Aid and bulletin
    consent are written together or not at all; the welcome email goes once it is all saved."""
    email = email.strip()
    if Member.objects.filter(email__iexact=email).exists():
        raise AlreadyAMember(email)
    fields = {
        "title": title,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "address_line_1": address_line_1,
        "address_line_2": address_line_2,
        "town": town,
        "county": county,
        "postcode": postcode,
        "country": country,
        "language": language,
        "plan": plan,
        "payment_method": payment_method,
        "bulletin_consent": bulletin_consent,
    }
    try:
        with transaction.atomic():
            member = _new_member(fields, gift_aid=gift_aid, today=today or timezone.localdate())
    except IntegrityError as error:
        # Two forms sent at once with the same address: the second finds the first.
        if Member.objects.filter(email__iexact=email).exists():
            raise AlreadyAMember(email) from error
        raise
    return member


def _new_member(fields, *, gift_aid, today: datetime.date):
    member = Member.objects.create(number=next_membership_number(), joined_on=today, **fields)
    log_event(
        member,
        MemberAction.JOINED,
        actor_label="member",
        changes={"plan": member.plan.slug, "payment_method": member.payment_method},
    )
    if gift_aid:
        declare_on_joining(member, organisation_name())
    if member.bulletin_consent:
        subscriber_services.subscribe_member(member.email, member.full_name, member.language)
    transaction.on_commit(lambda: emails.send_welcome(member.pk))
    return member
