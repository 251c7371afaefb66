"""The Gift Aid claim: which payments a declaration in force covers, as HMRC's schedule.

A payment already in a live claim (see `ledger`) is left out, so nothing is claimed twice.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import ngettext

from chasqui.core.csvkit import write_csv

from ..addresses import UNITED_KINGDOM, normalise_uk_postcode
from ..models import GiftAidClaimLine, GiftAidDeclaration, Payment
from .ods import ods_bytes

# HMRC Charities Online Gift Aid schedule, in its column order.
GIFT_AID_COLUMNS = [
    "Title",
    "First name",
    "Last name",
    "House name or number",
    "Postcode",
    "Aggregated donations",
    "Sponsored event",
    "Donation date",
    "Amount",
]
GIFT_AID_ROWS_PER_SCHEDULE = 1000
NAME_MAX_LENGTH = 35
TITLE_MAX_LENGTH = 4
TITLE_ABBREVIATIONS = {"professor": "Prof", "doctor": "Dr", "reverend": "Rev", "sister": "Sr"}
# HMRC's guidance: a donor without a UK postcode (living abroad) has "X" in the postcode column.
POSTCODE_ABROAD = "X"


@dataclass
class GiftAidClaim:
    """The payments a claim covers, and those left out with the reason."""

    start: object
    end: object
    cells: list = field(default_factory=list)
    claimed_payments: list = field(default_factory=list)
    erased: list = field(default_factory=list)
    no_address: list = field(default_factory=list)
    already_claimed: int = 0
    not_covered: int = 0

    @property
    def rows(self):
        """The schedule's rows as text, as a CSV file holds them."""
        return [[_cell_text(value) for value in row] for row in self.cells]

    @property
    def total_pence(self):
        return sum(payment.amount_pence for payment in self.claimed_payments)

    @property
    def excluded_reasons(self):
        """What was left out of the claim and why, as sentences for the secretary."""
        erased, unaddressed, uncovered = len(self.erased), len(self.no_address), self.not_covered
        claimed = self.already_claimed
        return [
            ngettext(
                "%(count)d payment from a member whose personal data was erased",
                "%(count)d payments from members whose personal data was erased",
                erased,
            )
            % {"count": erased},
            ngettext(
                "%(count)d payment from a member with no first line of address",
                "%(count)d payments from members with no first line of address",
                unaddressed,
            )
            % {"count": unaddressed},
            ngettext(
                "%(count)d payment already in an earlier claim",
                "%(count)d payments already in an earlier claim",
                claimed,
            )
            % {"count": claimed},
            ngettext(
                "%(count)d payment not covered by a Gift Aid declaration in force on the day it was paid",
                "%(count)d payments not covered by a Gift Aid declaration in force on the day they were paid",
                uncovered,
            )
            % {"count": uncovered},
        ]


def _schedule_title(title):
    cleaned = title.replace(".", "").strip()
    cleaned = TITLE_ABBREVIATIONS.get(cleaned.lower(), cleaned)
    return cleaned[:TITLE_MAX_LENGTH]


def _schedule_name(name):
    # HMRC asks for a space in place of the hyphen of a double-barrelled name.
    return " ".join(name.replace("-", " ").split())[:NAME_MAX_LENGTH]


def _cell_text(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%y")
    return str(value)


def schedule_postcode(member):
    """The UK postcode as HMRC writes it, or "X" for a donor living abroad."""
    if member.country != UNITED_KINGDOM:
        return POSTCODE_ABROAD
    return normalise_uk_postcode(member.postcode) or member.postcode.upper()


def gift_aid_cells(member, payment):
    """One schedule row, typed: text, the donation date as a date, the amount in pounds."""
    return [
        _schedule_title(member.title),
        _schedule_name(member.first_name),
        _schedule_name(member.last_name),
        member.house_name_or_number,
        schedule_postcode(member),
        "",
        "",
        payment.paid_on,
        Decimal(payment.amount_pence).scaleb(-2),
    ]


def gift_aid_row(member, payment):
    return [_cell_text(value) for value in gift_aid_cells(member, payment)]


def _declarations_by_member(payments):
    declarations = {}
    member_ids = {payment.member_id for payment in payments}
    for declaration in GiftAidDeclaration.objects.filter(member_id__in=member_ids):
        declarations.setdefault(declaration.member_id, []).append(declaration)
    return declarations


def gift_aid_claim(start, end, payments=None):
    """Every payment received from `start` to `end` (inclusive) that a declaration in force covers
    and no live claim holds. Pass `payments` to build the schedule of a claim already recorded.

    Two queries: the payments with their members, and those members' declarations.
    """
    claim = GiftAidClaim(start, end)
    if payments is None:
        in_live_claim = GiftAidClaimLine.objects.filter(payment=OuterRef("pk"), released=False)
        candidates = Payment.objects.between(start, end).annotate(claimed=Exists(in_live_claim))
        payments = list(candidates.select_related("member").order_by("paid_on", "pk"))
    declarations = _declarations_by_member(payments)
    for payment in payments:
        member = payment.member
        covered = any(declaration.covers(payment.paid_on) for declaration in declarations.get(member.pk, []))
        if not covered:
            claim.not_covered += 1
        elif getattr(payment, "claimed", False):
            claim.already_claimed += 1
        elif member.erased_at:
            claim.erased.append(payment)
        elif not member.house_name_or_number:
            claim.no_address.append(payment)
        else:
            claim.claimed_payments.append(payment)
            claim.cells.append(gift_aid_cells(member, payment))
    return claim


def _chunks(claim, rows_per_schedule):
    rows = claim.cells
    return [rows[i : i + rows_per_schedule] for i in range(0, len(rows), rows_per_schedule)] or [[]]


def gift_aid_schedules(claim, rows_per_schedule=GIFT_AID_ROWS_PER_SCHEDULE):
    """The claim as CSV texts, each within the number of rows one HMRC schedule takes."""
    return [
        write_csv(
            [GIFT_AID_COLUMNS, *([_cell_text(value) for value in row] for row in chunk)], io.StringIO()
        ).getvalue()
        for chunk in _chunks(claim, rows_per_schedule)
    ]


def gift_aid_spreadsheets(claim, rows_per_schedule=GIFT_AID_ROWS_PER_SCHEDULE):
    """The claim as .ods files with typed cells (HMRC's template format), one per schedule."""
    return [ods_bytes([GIFT_AID_COLUMNS, *chunk], "Schedule") for chunk in _chunks(claim, rows_per_schedule)]


def _csv_files(claim, rows_per_schedule):
    return [text.encode("utf-8") for text in gift_aid_schedules(claim, rows_per_schedule)]


# The .ods is the file to send (typed cells, exactly the values HMRC expects); the CSV is for
# copying rows by hand and keeps the formula guard, so a cell such as "+1" gains a leading quote.
FORMATS = {
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", gift_aid_spreadsheets),
    "csv": ("text/csv; charset=utf-8", _csv_files),
}


def gift_aid_download(claim, rows_per_schedule=GIFT_AID_ROWS_PER_SCHEDULE, file_format="csv"):
    """(filename, content type, bytes): one file, or a zip of several when the claim is long."""
    stem = f"gift-aid-claim-{claim.start:%Y-%m-%d}-to-{claim.end:%Y-%m-%d}"
    content_type, build = FORMATS[file_format]
    files = build(claim, rows_per_schedule)
    if len(files) == 1:
        return f"{stem}.{file_format}", content_type, files[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, content in enumerate(files, start=1):
            archive.writestr(f"{stem}-part-{index}.{file_format}", content)
    return f"{stem}.zip", "application/zip", buffer.getvalue()
