"""Gift Aid declarations: made on joining, in the members' area or by import; cancelled, never deleted.

Each declaration keeps the wording shown and a snapshot of the name and home address, as HMRC
expects; every change leaves a MemberEvent.
"""

from django.db import transaction
from django.utils import timezone

from ..addresses import ADDRESS_LINES
from ..choices import DeclarationSource, MemberAction
from ..history import log_event
from ..models import GiftAidDeclaration, Member
from .wording import WORDING_VERSION, declaration_wording

MEMBER = "member"


class GiftAidNotAllowed(Exception):
    """Gift Aid needs a UK home address with a postcode."""


def can_declare_gift_aid(member):
    return member.is_uk and bool(member.address_line_1.strip()) and bool(member.postcode.strip())


def home_address(member, separator="\n"):
    """The home address lines (without postcode) as they go into a declaration."""
    lines = (getattr(member, field).strip() for field in ADDRESS_LINES)
    return separator.join(line for line in lines if line)


def new_declaration(
    member, *, source, wording, wording_version=WORDING_VERSION, declared_at=None, separator="\n"
):
    """An unsaved declaration with the member's name and address as they are now."""
    return GiftAidDeclaration(
        member=member,
        declared_at=declared_at or timezone.now(),
        wording_version=wording_version,
        wording=wording,
        title=member.title,
        first_name=member.first_name,
        last_name=member.last_name,
        address=home_address(member, separator),
        postcode=member.postcode,
        source=source,
    )


def declare_on_joining(member, charity_name):
    """The declaration ticked on the join form (the caller holds the transaction)."""
    declaration = new_declaration(
        member, source=DeclarationSource.JOIN_FORM, wording=declaration_wording(charity_name), separator=", "
    )
    declaration.save()
    log_event(
        member,
        MemberAction.GIFT_AID_DECLARED,
        actor_label=MEMBER,
        note="Gift Aid declaration made on joining",
    )
    return declaration


@transaction.atomic
def declare_gift_aid(member, charity_name, now=None):
    """Record a new enduring declaration exactly as shown, with a snapshot of name and address."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if not can_declare_gift_aid(member):
        raise GiftAidNotAllowed
    existing = member.active_gift_aid_declaration
    if existing is not None:
        return existing
    declaration = new_declaration(
        member,
        source=DeclarationSource.MEMBER_AREA,
        wording=declaration_wording(charity_name),
        declared_at=now,
    )
    declaration.save()
    log_event(
        member,
        MemberAction.GIFT_AID_DECLARED,
        actor_label=MEMBER,
        changes={"gift_aid_declaration": [None, declaration.pk]},
        note=f"wording {declaration.wording_version}",
    )
    return declaration


@transaction.atomic
def cancel_gift_aid(member, now=None):
    """A cancellation is recorded on the declaration, which is kept for claims already made."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    now = now or timezone.now()
    declarations = list(member.gift_aid_declarations.select_for_update().filter(cancelled_at__isnull=True))
    for declaration in declarations:
        declaration.cancelled_at = now
        declaration.cancellation_source = DeclarationSource.MEMBER_AREA
        declaration.save(update_fields=["cancelled_at", "cancellation_source"])
        log_event(
            member,
            MemberAction.GIFT_AID_CANCELLED,
            actor_label=MEMBER,
            changes={"gift_aid_declaration": [declaration.pk, None]},
        )
    return declarations
