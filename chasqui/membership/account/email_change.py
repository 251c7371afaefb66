"""A member changes their email address: a code goes to the NEW address, and only that code
confirms it (the same one-time codes as signing in). The change is one transaction: the member,
their history and their bulletin subscription (through subscribers' services) move together."""

from django.db import transaction
from django.tasks import task

from chasqui.core.mail import build_email, send_emails
from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause

from ..choices import MemberAction
from ..history import log_event
from ..models import Member
from ..organisation import organisation_name
from . import signin

ACTOR = "member"


class AddressInUse(Exception):
    """Another member already has this address."""


def address_in_use(member, email):
    return Member.objects.filter(email__iexact=email).exclude(pk=member.pk).exists()


@task()
def send_change_code(member_id, new_email):
    """Make a code and email it to the new address; the plain code exists only in this message."""
    member = Member.objects.not_erased().filter(pk=member_id).first()
    if member is None:
        return False
    _sign_in_code, code = signin.issue_code(member)
    context = {
        "member": member,
        "code": code,
        "minutes": int(signin.CODE_LIFETIME.total_seconds() // 60),
        "organisation_name": organisation_name(),
    }
    message = build_email(
        "membership/account/email/change_email", context, new_email, language=member.language
    )
    send_emails([message])
    return True


def request_change(member, new_email):
    if address_in_use(member, new_email):
        raise AddressInUse
    send_change_code.enqueue(member.pk, signin.normalise_email(new_email))


def confirm_change(member, new_email, code):
    """Check the code, then change the address; returns the check's outcome."""
    result = signin.check_member_code(member, code)
    if result.outcome == signin.Outcome.SIGNED_IN:
        change_email(member, new_email)
    return result.outcome


@transaction.atomic
def change_email(member, new_email):
    member = Member.objects.select_for_update().get(pk=member.pk)
    new_email = signin.normalise_email(new_email)
    if address_in_use(member, new_email):
        raise AddressInUse
    old_email = member.email
    if old_email.lower() == new_email:
        return member
    member.email = new_email
    member.save(update_fields=["email", "updated_at"])
    log_event(member, MemberAction.EMAIL, actor_label=ACTOR, changes={"email": [old_email, new_email]})
    subscriber_services.change_address(old_email, new_email, ConsentCause.MEMBER_AREA)
    return member
