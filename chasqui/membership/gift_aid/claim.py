"""The Gift Aid claim: which payments a declaration in force covers, as HMRC's schedule."""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from ..addresses import UNITED_KINGDOM, normalise_uk_postcode
from ..csv_files import write_csv
from ..models import GiftAidDeclaration, Payment

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


@dataclass
class GiftAidClaim:
    """The payments a claim covers, and those left out with the reason."""

    start: object
    end: object
    rows: list = field(default_factory=list)
    claimed_payments: list = field(default_factory=list)
    erased: list = field(default_factory=list)
    outside_uk: list = field(default_factory=list)
    not_covered: int = 0

    @property
    def total_pence(self):
        return sum(payment.amount_pence for payment in self.claimed_payments)

    @property
    def excluded_reasons(self):
        """What was left out of the claim and why, as sentences for the secretary."""
        erased, abroad, uncovered = len(self.erased), len(self.outside_uk), self.not_covered
        return [
            ngettext(
                "%(count)d payment from a member whose personal data was erased",
                "%(count)d payments from members whose personal data was erased",
                erased,
            )
            % {"count": erased},
            ngettext(
                "%(count)d payment from a member living outside the UK",
                "%(count)d payments from members living outside the UK",
                abroad,
            )
            % {"count": abroad},
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


def gift_aid_row(member, payment):
    postcode = normalise_uk_postcode(member.postcode) or member.postcode.upper()
    return [
        _schedule_title(member.title),
        _schedule_name(member.first_name),
        _schedule_name(member.last_name),
        member.house_name_or_number,
        postcode,
        "",
        "",
        payment.paid_on.strftime("%d/%m/%y"),
        f"{payment.amount_pence // 100}.{payment.amount_pence % 100:02d}",
    ]


def gift_aid_claim(start, end):
    """Every payment received from `start` to `end` (inclusive) that a declaration in force covers.

    Two queries: the payments with their members, and those members' declarations.
    """
    claim = GiftAidClaim(start, end)
    payments = list(Payment.objects.between(start, end).select_related("member").order_by("paid_on", "pk"))
    declarations = {}
    member_ids = {payment.member_id for payment in payments}
    for declaration in GiftAidDeclaration.objects.filter(member_id__in=member_ids):
        declarations.setdefault(declaration.member_id, []).append(declaration)
    for payment in payments:
        member = payment.member
        covered = any(declaration.covers(payment.paid_on) for declaration in declarations.get(member.pk, []))
        if not covered:
            claim.not_covered += 1
        elif member.erased_at:
            claim.erased.append(payment)
        elif member.country != UNITED_KINGDOM:
            claim.outside_uk.append(payment)
        else:
            claim.claimed_payments.append(payment)
            claim.rows.append(gift_aid_row(member, payment))
    return claim


def gift_aid_schedules(claim, rows_per_schedule=GIFT_AID_ROWS_PER_SCHEDULE):
    """The claim as CSV texts, each within the number of rows one HMRC schedule takes."""
    chunks = [claim.rows[i : i + rows_per_schedule] for i in range(0, len(claim.rows), rows_per_schedule)]
    return [write_csv([GIFT_AID_COLUMNS, *chunk], io.StringIO()).getvalue() for chunk in chunks or [[]]]


def gift_aid_download(claim, rows_per_schedule=GIFT_AID_ROWS_PER_SCHEDULE):
    """(filename, content type, bytes): one CSV, or a zip of several when the claim is long."""
    stem = f"gift-aid-claim-{claim.start:%Y-%m-%d}-to-{claim.end:%Y-%m-%d}"
    schedules = gift_aid_schedules(claim, rows_per_schedule)
    if len(schedules) == 1:
        return f"{stem}.csv", "text/csv; charset=utf-8", schedules[0].encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, text in enumerate(schedules, start=1):
            archive.writestr(f"{stem}-part-{index}.csv", text)
    return f"{stem}.zip", "application/zip", buffer.getvalue()
