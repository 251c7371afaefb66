"""Import existing members from a spreadsheet saved as CSV.

The whole file is checked before anything is written; a file with any error writes nothing.
Rows are matched to existing members by membership number, so importing the same file twice
changes nothing the second time. Everything is loaded and written in bulk: the number of
queries does not grow with the number of rows.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import services
from .choices import DeclarationSource, MembershipStatus, PaymentMethod
from .countries import COUNTRY_CHOICES, COUNTRY_CODES, UNITED_KINGDOM
from .models import GiftAidDeclaration, Member, MemberEvent, Plan
from .postcodes import normalise_uk_postcode

IMPORTED_WORDING_VERSION = "imported"
IMPORTED_WORDING = "Declaration made before this system: see paper records."
BATCH_SIZE = 500

# Canonical column → the headings spreadsheets use for it (compared case- and punctuation-blind).
COLUMNS = {
    "number": ["membership no", "membership number", "member no", "member number", "number", "no"],
    "title": ["title"],
    "first_name": ["forename", "first name", "firstname", "given name"],
    "last_name": ["surname", "last name", "lastname", "family name"],
    "email": ["email", "e-mail", "email address"],
    "address_line_1": ["address 1", "address line 1", "address1", "address"],
    "address_line_2": ["address 2", "address line 2", "address2"],
    "town": ["town", "city", "town or city", "town/city"],
    "county": ["county", "region", "county or region"],
    "postcode": ["postcode", "post code", "postal code"],
    "country": ["country"],
    "plan": ["plan", "membership type", "membership plan", "type"],
    "joined_on": ["joined", "date joined", "join date", "joined on"],
    "expires_on": ["expires", "expiry", "expiry date", "expires on", "renewal date"],
    "payment_method": ["payment method", "method", "pays by", "payment"],
    "gift_aid": ["gift aid", "giftaid"],
    "gift_aid_date": ["gift aid date", "declaration date", "gift aid declared"],
    "bulletin": ["bulletin", "newsletter", "bulletin by email"],
}
REQUIRED_COLUMNS = ["number", "first_name", "last_name", "email", "plan"]
COLUMN_LABELS = {
    "number": "Membership No",
    "title": "Title",
    "first_name": "Forename",
    "last_name": "Surname",
    "email": "Email",
    "address_line_1": "Address 1",
    "address_line_2": "Address 2",
    "town": "Town",
    "county": "County",
    "postcode": "Postcode",
    "country": "Country",
    "plan": "Plan",
    "joined_on": "Joined",
    "expires_on": "Expires",
    "payment_method": "Payment method",
    "gift_aid": "Gift Aid",
    "gift_aid_date": "Gift Aid date",
    "bulletin": "Bulletin",
}
TEMPLATE_HEADER = list(COLUMN_LABELS.values())

PAYMENT_METHODS = {
    "so": PaymentMethod.STANDING_ORDER,
    "sto": PaymentMethod.STANDING_ORDER,
    "standing order": PaymentMethod.STANDING_ORDER,
    "standing_order": PaymentMethod.STANDING_ORDER,
    "bank transfer": PaymentMethod.STANDING_ORDER,
    "bank": PaymentMethod.STANDING_ORDER,
    "bacs": PaymentMethod.STANDING_ORDER,
    "cheque": PaymentMethod.CHEQUE,
    "check": PaymentMethod.CHEQUE,
    "chq": PaymentMethod.CHEQUE,
    "card": PaymentMethod.CARD,
    "card once a year": PaymentMethod.CARD,
    "card subscription": PaymentMethod.CARD_SUBSCRIPTION,
    "card_subscription": PaymentMethod.CARD_SUBSCRIPTION,
    "recurring card": PaymentMethod.CARD_SUBSCRIPTION,
}
YES = {"yes", "y", "true", "1", "x", "✓"}
NO = {"no", "n", "false", "0", ""}
UK_NAMES = {"uk", "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland"}

# Member fields an import sets (and compares on re-import).
COMPARED_FIELDS = [
    *Member.CONTACT_FIELDS,
    "plan_id",
    "payment_method",
    "joined_on",
    "expires_on",
    "status",
    "bulletin_consent",
]
TEXT_FIELDS = ["title", "first_name", "last_name", "address_line_1", "address_line_2", "town", "county"]
MAX_LENGTHS = {
    name: Member._meta.get_field(name).max_length
    for name in [
        "number",
        "title",
        "first_name",
        "last_name",
        "address_line_1",
        "address_line_2",
        "town",
        "county",
        "postcode",
    ]
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"row {self.row}, {self.column}: {self.message}"


@dataclass
class ImportRow:
    row: int
    number: str
    number_value: int
    fields: dict
    gift_aid: bool | None
    gift_aid_date: datetime.date | None


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    declarations_added: int = 0
    declarations_cancelled: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def is_valid(self):
        return not self.errors


def normalise_heading(text):
    return re.sub(r"[\s_.:]+", " ", (text or "").strip().lower()).strip()


_ALIASES = {normalise_heading(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def decode(data):
    """Spreadsheets save CSV as UTF-8 (often with a byte-order mark) or as Windows-1252."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value):
    """dd/mm/yyyy (or - . separators, or a two-digit year) and yyyy-mm-dd; None if neither."""
    if match := _ISO.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(value):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def derived_status(expires_on, today, grace_days):
    """Pending without an expiry date; otherwise what the calendar says."""
    if expires_on is None:
        return MembershipStatus.PENDING
    if today <= expires_on:
        return MembershipStatus.ACTIVE
    if today <= expires_on + datetime.timedelta(days=grace_days):
        return MembershipStatus.GRACE
    return MembershipStatus.LAPSED


def _country_lookup():
    with translation.override("en"):
        names = {str(name).lower(): code for code, name in COUNTRY_CHOICES}
    names.update(dict.fromkeys(UK_NAMES, UNITED_KINGDOM))
    return names


class MemberImporter:
    """Reads one CSV file; `run()` validates it all, then writes it all or nothing."""

    def __init__(self, data, *, actor=None, actor_label="", source_name="", today=None):
        self.text = decode(data)
        self.actor = actor
        self.actor_label = actor_label or ("" if actor else "import")
        self.source_name = source_name
        self.today = today or timezone.localdate()
        self.result = ImportResult()

    def error(self, row, column, message):
        label = COLUMN_LABELS.get(column, column)
        self.result.errors.append(RowError(row, label, message))

    # Reading and checking -------------------------------------------------------------

    def read(self):
        """Rows as dicts keyed by canonical column name, with their spreadsheet row numbers."""
        sample = self.text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(self.text), dialect)
        try:
            header = next(reader)
        except StopIteration:
            self.error(1, _("file"), _("The file is empty."))
            return []
        columns = {}
        for index, heading in enumerate(header):
            name = _ALIASES.get(normalise_heading(heading))
            if name is None:
                if heading.strip():
                    warning = _("Column “%(heading)s” is not imported.") % {"heading": heading}
                    self.result.warnings.append(warning)
                continue
            if name in columns.values():
                self.error(1, name, _("Two columns mean the same thing; keep one."))
                continue
            columns[index] = name
        for name in REQUIRED_COLUMNS:
            if name not in columns.values():
                self.error(1, name, _("This column is missing."))
        if self.result.errors:
            return []
        self.columns = set(columns.values())
        rows = []
        for line_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                name: _unquote(cells[index].strip() if index < len(cells) else "")
                for index, name in columns.items()
            }
            rows.append((line_number, values))
        return rows

    def check_row(self, line, values):
        """One row's values as Member field values; errors are collected, not raised."""
        errors_before = len(self.result.errors)
        fields = {}

        number = values["number"]
        match = re.search(r"(\d+)\D*$", number)
        if not number:
            self.error(line, "number", _("A membership number is needed."))
        elif not match:
            self.error(line, "number", _("“%(value)s” has no digits.") % {"value": number})

        for name in TEXT_FIELDS:
            if name not in values:
                continue
            value = values[name]
            if len(value) > MAX_LENGTHS[name]:
                self.error(line, name, _("Longer than %(max)d characters.") % {"max": MAX_LENGTHS[name]})
            fields[name] = value
        if len(number) > MAX_LENGTHS["number"]:
            self.error(line, "number", _("Longer than %(max)d characters.") % {"max": MAX_LENGTHS["number"]})
        for name in ["first_name", "last_name"]:
            if not values[name]:
                self.error(line, name, _("This is needed."))

        email = values["email"]
        try:
            validate_email(email)
        except ValidationError:
            self.error(line, "email", _("“%(value)s” is not an email address.") % {"value": email})
        fields["email"] = email

        country = UNITED_KINGDOM
        if "country" in values and values["country"]:
            raw = values["country"]
            country = raw.upper() if raw.upper() in COUNTRY_CODES else self.countries.get(raw.lower())
            if raw.upper() == "UK":
                country = UNITED_KINGDOM
            if not country:
                self.error(line, "country", _("Unknown country “%(value)s”.") % {"value": raw})
        if "country" in values:
            fields["country"] = country or UNITED_KINGDOM

        if "postcode" in values:
            postcode = values["postcode"]
            if postcode and country == UNITED_KINGDOM:
                normalised = normalise_uk_postcode(postcode)
                if normalised is None:
                    self.error(line, "postcode", _("“%(value)s” is not a UK postcode.") % {"value": postcode})
                postcode = normalised or postcode
            if len(postcode) > MAX_LENGTHS["postcode"]:
                self.error(line, "postcode", _("Too long."))
            fields["postcode"] = postcode

        plan_text = values["plan"]
        plan = self.plans.get(plan_text.lower())
        if plan is None:
            self.error(line, "plan", _("No plan called “%(value)s”.") % {"value": plan_text})
        else:
            fields["plan_id"] = plan.pk

        if "payment_method" in values:
            raw = values["payment_method"]
            method = PAYMENT_METHODS.get(normalise_heading(raw)) if raw else PaymentMethod.STANDING_ORDER
            if method is None:
                self.error(
                    line,
                    "payment_method",
                    _("“%(value)s” is not a payment method (use SO, cheque, card).") % {"value": raw},
                )
            fields["payment_method"] = method

        for name in ["joined_on", "expires_on"]:
            if values.get(name):
                parsed = parse_date(values[name])
                if parsed is None:
                    self.error(
                        line, name, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": values[name]}
                    )
                fields[name] = parsed
            elif name == "expires_on":
                fields[name] = None
        joined_on, expires_on = fields.get("joined_on"), fields.get("expires_on")
        if joined_on and expires_on and expires_on < joined_on:
            self.error(line, "expires_on", _("Expires before the member joined."))
        fields["status"] = derived_status(fields.get("expires_on"), self.today, self.grace_days)

        if "bulletin" in values:
            consent = self.yes_no(line, "bulletin", values["bulletin"])
            fields["bulletin_consent"] = bool(consent)

        gift_aid = None
        gift_aid_date = None
        if "gift_aid" in values:
            gift_aid = self.yes_no(line, "gift_aid", values["gift_aid"])
            raw_date = values.get("gift_aid_date", "")
            if raw_date:
                gift_aid_date = parse_date(raw_date)
                if gift_aid_date is None:
                    message = _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": raw_date}
                    self.error(line, "gift_aid_date", message)
            if gift_aid:
                if not fields.get("address_line_1") or not fields.get("postcode"):
                    self.error(line, "gift_aid", _("Gift Aid needs the home address and postcode."))
                gift_aid_date = gift_aid_date or fields.get("joined_on") or self.today

        if len(self.result.errors) > errors_before:
            return None
        return ImportRow(line, number, int(match.group(1)), fields, gift_aid, gift_aid_date)

    def yes_no(self, line, column, value):
        lowered = value.strip().lower()
        if lowered in YES:
            return True
        if lowered in NO:
            return False
        self.error(line, column, _("Write yes or no, not “%(value)s”.") % {"value": value})
        return None

    def check(self):
        """Validate every row; returns the checked rows (empty when anything is wrong)."""
        raw_rows = self.read()
        self.result.rows = len(raw_rows)
        if self.result.errors:
            return []
        self.plans = {}
        for plan in Plan.objects.all():
            self.plans[plan.name.lower()] = plan
            self.plans[plan.slug.lower()] = plan
        self.countries = _country_lookup()
        self.grace_days = services.membership_settings().grace_days

        checked = []
        numbers_seen = {}
        emails_seen = {}
        for line, values in raw_rows:
            row = self.check_row(line, values)
            number = values["number"]
            email = values["email"].lower()
            if number and number in numbers_seen:
                self.error(line, "number", _("Same number as row %(row)d.") % {"row": numbers_seen[number]})
                row = None
            numbers_seen.setdefault(number, line)
            if email and email in emails_seen:
                self.error(line, "email", _("Same email as row %(row)d.") % {"row": emails_seen[email]})
                row = None
            emails_seen.setdefault(email, line)
            if row:
                checked.append(row)

        self.existing = {
            member.number: member for member in Member.objects.filter(number__in=list(numbers_seen))
        }
        email_owners = dict(
            Member.objects.filter(email__in=[row.fields["email"] for row in checked]).values_list(
                "email", "number"
            )
        )
        for row in checked:
            owner = email_owners.get(row.fields["email"])
            if owner and owner != row.number:
                self.error(row.row, "email", _("Already used by member %(number)s.") % {"number": owner})
        self.result.errors.sort(key=lambda error: error.row)
        return [] if self.result.errors else checked

    # Writing -----------------------------------------------------------------------------

    def run(self, *, dry_run=False):
        """Check the whole file, then (unless dry_run) write every row in one transaction."""
        self.result.dry_run = dry_run
        rows = self.check()
        if self.result.errors:
            return self.result
        with transaction.atomic():
            self.write(rows, dry_run=dry_run)
            if dry_run:
                transaction.set_rollback(True)
            else:
                self.result.written = True
        return self.result

    def write(self, rows, *, dry_run):
        now = timezone.now()
        active_declarations = {}
        for declaration in GiftAidDeclaration.objects.filter(
            member__number__in=list(self.existing), cancelled_at__isnull=True
        ):
            active_declarations.setdefault(declaration.member_id, []).append(declaration)

        new_members = []
        new_rows = []
        updates = []
        update_fields = set()
        events = []
        declarations = []
        cancelled = []
        for row in rows:
            member = self.existing.get(row.number)
            if member is None:
                member = Member(number=row.number, status_changed_at=now, **row.fields)
                if member.joined_on is None:
                    member.joined_on = self.today
                new_members.append(member)
                new_rows.append(row)
                continue
            changes = {}
            for name in COMPARED_FIELDS:
                if name not in row.fields:
                    continue
                new_value = row.fields[name]
                if name == "joined_on" and new_value is None:
                    continue
                if name == "status" and member.status == MembershipStatus.CANCELLED:
                    continue
                old_value = getattr(member, name)
                if old_value != new_value:
                    changes[name] = [_plain(old_value), _plain(new_value)]
                    setattr(member, name, new_value)
                    update_fields.add(name)
            if "status" in changes:
                member.status_changed_at = now
                update_fields.add("status_changed_at")
            has_declaration = bool(active_declarations.get(member.pk))
            if row.gift_aid is True and not has_declaration:
                declarations.append(self.declaration_for(member, row))
                changes["gift_aid"] = [False, True]
            elif row.gift_aid is False and has_declaration:
                for declaration in active_declarations[member.pk]:
                    declaration.cancelled_at = now
                    declaration.cancellation_source = DeclarationSource.IMPORT
                    cancelled.append(declaration)
                changes["gift_aid"] = [True, False]
            if changes:
                member.updated_at = now
                updates.append(member)
                events.append(self.event(member, "import", changes, now))
            else:
                self.result.unchanged += 1

        self.result.created = len(new_members)
        self.result.updated = len(updates)
        if dry_run:
            self.result.declarations_added = len(declarations) + sum(1 for row in new_rows if row.gift_aid)
            self.result.declarations_cancelled = len(cancelled)
            return

        Member.objects.bulk_create(new_members, batch_size=BATCH_SIZE)
        for member, row in zip(new_members, new_rows, strict=True):
            events.append(self.event(member, "imported", {}, now))
            if row.gift_aid:
                declarations.append(self.declaration_for(member, row))
        if updates:
            Member.objects.bulk_update(updates, sorted(update_fields | {"updated_at"}), batch_size=BATCH_SIZE)
        GiftAidDeclaration.objects.bulk_create(declarations, batch_size=BATCH_SIZE)
        if cancelled:
            GiftAidDeclaration.objects.bulk_update(
                cancelled, ["cancelled_at", "cancellation_source"], batch_size=BATCH_SIZE
            )
        MemberEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        if rows:
            services.reserve_membership_number(max(row.number_value for row in rows))
        self.result.declarations_added = len(declarations)
        self.result.declarations_cancelled = len(cancelled)

    def declaration_for(self, member, row):
        declared = datetime.datetime.combine(row.gift_aid_date, datetime.time(12, 0))
        parts = (member.address_line_1, member.address_line_2, member.town, member.county)
        address = "\n".join(part for part in parts if part)
        return GiftAidDeclaration(
            member=member,
            declared_at=timezone.make_aware(declared),
            wording_version=IMPORTED_WORDING_VERSION,
            wording=IMPORTED_WORDING,
            title=member.title,
            first_name=member.first_name,
            last_name=member.last_name,
            address=address,
            postcode=member.postcode,
            source=DeclarationSource.IMPORT,
        )

    def event(self, member, action, changes, now):
        note = f"from {self.source_name}" if self.source_name else ""
        return MemberEvent(
            member=member,
            at=now,
            actor=self.actor if getattr(self.actor, "is_authenticated", False) else None,
            actor_label=self.actor_label,
            action=action,
            changes=changes,
            note=note[:500],
        )


def _unquote(value):
    """Undo the quote our exports put before a cell that looks like a formula."""
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


def _plain(value):
    """Values as JSON can hold them, for the history."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def import_members(data, *, dry_run=False, actor=None, actor_label="", source_name="", today=None):
    """Import a CSV file's bytes or text; see MemberImporter."""
    importer = MemberImporter(
        data, actor=actor, actor_label=actor_label, source_name=source_name, today=today
    )
    return importer.run(dry_run=dry_run)


def template_csv():
    """An empty file with the documented header, for the secretary to fill in."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(TEMPLATE_HEADER)
    return buffer.getvalue()
