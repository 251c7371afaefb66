"""The member list as a spreadsheet, in the columns the member import reads back."""

import io

from django.db.models import Exists, OuterRef, Subquery

from chasqui.core.csvkit import write_csv

from ..choices import PaymentMethod
from ..models import GiftAidDeclaration, Member
from .import_columns import COLUMN_LABELS

# Short names the importer understands, so an exported file can be imported again.
METHOD_NAMES = {
    PaymentMethod.STANDING_ORDER: "standing order",
    PaymentMethod.CHEQUE: "cheque",
    PaymentMethod.CARD: "card",
    PaymentMethod.CARD_SUBSCRIPTION: "card subscription",
}
MEMBER_COLUMNS = [*COLUMN_LABELS.values(), "Status"]


def _date(value, date_format="%d/%m/%Y"):
    return value.strftime(date_format) if value else ""


def _yes_no(value):
    return "yes" if value else "no"


def with_gift_aid(queryset):
    """Annotate each member with whether they have a Gift Aid declaration in force, and its date."""
    active = GiftAidDeclaration.objects.filter(member=OuterRef("pk"), cancelled_at__isnull=True)
    return queryset.annotate(
        has_gift_aid=Exists(active),
        gift_aid_declared_at=Subquery(active.order_by("-declared_at").values("declared_at")[:1]),
    )


def member_rows(queryset):
    """One list per member, in MEMBER_COLUMNS order; two queries whatever the number of members."""
    yield MEMBER_COLUMNS
    for member in with_gift_aid(queryset.select_related("plan")).iterator(chunk_size=2000):
        declared = member.gift_aid_declared_at
        yield [
            member.number,
            *(getattr(member, name) for name in Member.CONTACT_FIELDS),
            member.plan.name,
            _date(member.joined_on),
            _date(member.expires_on),
            METHOD_NAMES.get(member.payment_method, member.payment_method),
            _yes_no(member.has_gift_aid),
            _date(declared.date()) if declared else "",
            _yes_no(member.bulletin_consent),
            member.get_status_display(),
        ]


def members_csv(queryset):
    return write_csv(member_rows(queryset), io.StringIO()).getvalue()
