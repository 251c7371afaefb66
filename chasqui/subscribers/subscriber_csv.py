"""Moving the list in and out as CSV, keeping each address's status and its ledger.

An import is checked in full before anything is written: one bad row and nothing changes.
Importing the same file twice changes nothing the second time.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from chasqui.core.csvkit import decode_csv, guard_formula, unguard_formula

from .choices import ConsentCause, SubscriberStatus
from .ledger import WITHDRAWN, change_status, normalise_email
from .models import NAME_MAX_LENGTH, Subscriber

EXPORT_COLUMNS = ["email", "name", "language", "status", "signed_up", "confirmed", "status_changed"]

# Header names other tools use, compared after lower-casing and dropping everything but letters.
COLUMN_ALIASES = {
    "email": {"email", "emailaddress", "mail", "emailaddr", "correo", "correoelectronico"},
    "name": {"name", "fullname", "subscribername", "displayname", "nombre"},
    "first_name": {"firstname", "givenname", "fname"},
    "last_name": {"lastname", "surname", "familyname", "lname"},
    "language": {"language", "lang", "locale", "preferredlanguage", "idioma"},
    "status": {"status", "state", "subscriptionstatus", "emailstatus", "estado"},
}
STATUS_ALIASES = {
    **{status.value: status.value for status in SubscriberStatus},
    "active": SubscriberStatus.SUBSCRIBED,
    "confirmed": SubscriberStatus.SUBSCRIBED,
    "optedin": SubscriberStatus.SUBSCRIBED,
    "unconfirmed": SubscriberStatus.PENDING,
    "cleaned": SubscriberStatus.BOUNCED,
    "bounce": SubscriberStatus.BOUNCED,
    "spam": SubscriberStatus.COMPLAINED,
    "complaint": SubscriberStatus.COMPLAINED,
    "optedout": SubscriberStatus.UNSUBSCRIBED,
}
LANGUAGE_ALIASES = {
    "english": "en",
    "ingles": "en",
    "inglés": "en",
    "spanish": "es",
    "espanol": "es",
    "español": "es",
    "castellano": "es",
}


def _header_key(header):
    return re.sub(r"[^a-z]", "", (header or "").lower())


def _language(value):
    value = value.strip().lower()
    if not value:
        return settings.LANGUAGE_CODE, None
    value = LANGUAGE_ALIASES.get(value, value)
    code = value.replace("_", "-").split("-")[0]
    if code in {language for language, _name in settings.LANGUAGES}:
        return code, None
    codes = ", ".join(language for language, _name in settings.LANGUAGES)
    return None, _("Unknown language “%(value)s” (use %(codes)s).") % {"value": value, "codes": codes}


@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    language: str
    status: str
    action: str = ""  # "create", "update", "unchanged" or "kept" (a withdrawal here wins)


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line or None, message)
    written: bool = False

    @property
    def is_valid(self):
        return not self.errors

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    def summary(self):
        return {action: self.count(action) for action in ("create", "update", "unchanged", "kept")}


def _column_positions(headers):
    """{column: index} for the columns we know, taking the first header that names each."""
    columns = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        for column, aliases in COLUMN_ALIASES.items():
            if key in aliases and column not in columns:
                columns[column] = index
    return columns


def _missing_columns(columns):
    problems = []
    if "email" not in columns:
        problems.append(_("No email column found: the first row must name the columns."))
    if "status" not in columns:
        problems.append(
            _("No status column found: each address needs its status, so nobody is added without consent.")
        )
    return problems


class _RowReader:
    """Checks one data row at a time, remembering addresses seen so a repeat is reported."""

    def __init__(self, columns):
        self.columns = columns
        self.seen = {}

    def cell(self, values, column):
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        return unguard_formula(values[index].strip())

    def read(self, line, values):
        """(ImportRow or None, problems) for one line of the file."""
        email = normalise_email(self.cell(values, "email"))
        name = self.cell(values, "name") or " ".join(
            part for part in (self.cell(values, "first_name"), self.cell(values, "last_name")) if part
        )
        raw_status = self.cell(values, "status")
        status = STATUS_ALIASES.get(re.sub(r"[^a-z]", "", raw_status.lower()))
        language, language_error = _language(self.cell(values, "language"))
        problems = self.email_problems(email)
        if status is None:
            statuses = ", ".join(SubscriberStatus.values)
            message = _("Unknown status “%(value)s” (use %(statuses)s).")
            problems.append(message % {"value": raw_status, "statuses": statuses})
        if language_error:
            problems.append(language_error)
        if len(name) > NAME_MAX_LENGTH:
            problems.append(_("The name is too long."))
        self.seen.setdefault(email, line)
        if problems:
            return None, problems
        return ImportRow(line, email, name, language, status), []

    def email_problems(self, email):
        problems = []
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not a valid email address.") % {"email": email or _("(blank)")})
        if email in self.seen:
            problems.append(
                _("%(email)s is also on line %(line)s.") % {"email": email, "line": self.seen[email]}
            )
        return problems


def read_rows(data):
    """Parse and check every row; returns an ImportReport with rows (not yet planned) and errors."""
    report = ImportReport()
    text = decode_csv(data)
    if not text.strip():
        report.errors.append((None, _("The file is empty.")))
        return report
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = _column_positions(next(reader))
    report.errors.extend((None, problem) for problem in _missing_columns(columns))
    if report.errors:
        return report
    rows = _RowReader(columns)
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        row, problems = rows.read(line, values)
        report.errors.extend((line, problem) for problem in problems)
        if row is not None:
            report.rows.append(row)
    if not report.rows and not report.errors:
        report.errors.append((None, _("The file has no addresses.")))
    return report


def _plan(row, existing):
    """What importing this row would do to the address as it stands now."""
    if existing is None:
        return "create"
    if row.status != existing.status and existing.status in WITHDRAWN and row.status not in WITHDRAWN:
        return "kept"
    changed = (
        row.status != existing.status
        or (row.name and row.name != existing.name)
        or row.language != existing.language
    )
    return "update" if changed else "unchanged"


@transaction.atomic
def import_subscribers(data, dry_run=False, detail=""):
    """Check the whole file, then (unless a dry run or anything is wrong) write it in one transaction."""
    report = read_rows(data)
    if not report.is_valid:
        return report
    existing = Subscriber.objects.select_for_update().in_bulk(
        [row.email for row in report.rows], field_name="email"
    )
    for row in report.rows:
        row.action = _plan(row, existing.get(row.email))
    if dry_run:
        return report
    note = detail or _("CSV import")
    for row in report.rows:
        subscriber = existing.get(row.email)
        if row.action == "create":
            subscriber = Subscriber(email=row.email, name=row.name, language=row.language)
            change_status(subscriber, row.status, ConsentCause.IMPORT, f"{note}, line {row.line}")
        elif row.action == "update":
            subscriber.name = row.name or subscriber.name
            subscriber.language = row.language
            subscriber.save(update_fields=["name", "language"])
            change_status(subscriber, row.status, ConsentCause.IMPORT, f"{note}, line {row.line}")
    report.written = True
    return report


def export_subscribers(stream, status=None):
    """Write the list (optionally one status) as CSV that `import_subscribers` reads back unchanged."""
    writer = csv.writer(stream)
    writer.writerow(EXPORT_COLUMNS)
    subscribers = Subscriber.objects.order_by("email")
    if status:
        subscribers = subscribers.filter(status=status)
    count = 0
    for subscriber in subscribers.iterator(chunk_size=2000):
        writer.writerow(
            [
                guard_formula(subscriber.email),
                guard_formula(subscriber.name),
                subscriber.language,
                subscriber.status,
                subscriber.created_at.isoformat(),
                subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                subscriber.status_changed_at.isoformat(),
            ]
        )
        count += 1
    return count
