"""Import existing members from a spreadsheet saved as CSV.

The whole file is checked before anything is written; a file with any error writes nothing.
Rows are matched to existing members by membership number, so importing the same file twice
changes nothing the second time. Everything is loaded and written in bulk: the number of
queries does not grow with the number of rows.
"""

import csv
import datetime
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chasqui.core.csvkit import decode_csv, unguard_formula
from chasqui.core.imports import RowError

from ..choices import DeclarationSource, MemberAction, MembershipStatus
from ..gift_aid.services import new_declaration
from ..history import NOTE_MAX_LENGTH, staff_user
from ..models import GiftAidDeclaration, Member, MemberEvent, Plan
from ..numbers import reserve_membership_number
from ..organisation import membership_settings
from .import_columns import ALIASES, REQUIRED_COLUMNS, normalise_heading
from .import_rows import ImportResult, RowChecker

IMPORTED_WORDING_VERSION = "imported"
IMPORTED_WORDING = "Declaration made before this system: see paper records."
BATCH_SIZE = 500

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


class MemberImporter:
    """Reads one CSV file; `run()` validates it all, then writes it all or nothing."""

    def __init__(self, data, *, actor=None, actor_label="", source_name="", today=None):
        self.text = decode_csv(data)
        self.actor = actor
        self.actor_label = actor_label or ("" if actor else "import")
        self.source_name = source_name
        self.today = today or timezone.localdate()
        self.result = ImportResult()
        self.existing = {}

    def error(self, row, column, message):
        self.result.errors.append(RowError(row, column, message))

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
        columns = self.read_header(header)
        if self.result.errors:
            return []
        rows = []
        for line_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                name: unguard_formula(cells[index].strip() if index < len(cells) else "")
                for index, name in columns.items()
            }
            rows.append((line_number, values))
        return rows

    def read_header(self, header):
        """{column index: canonical name}; unknown headings are warned about, duplicates are errors."""
        checker = self.checker()
        columns = {}
        for index, heading in enumerate(header):
            name = ALIASES.get(normalise_heading(heading))
            if name is None:
                if heading.strip():
                    warning = _("Column “%(heading)s” is not imported.") % {"heading": heading}
                    self.result.warnings.append(warning)
                continue
            if name in columns.values():
                checker.error(1, name, _("Two columns mean the same thing; keep one."))
                continue
            columns[index] = name
        for name in REQUIRED_COLUMNS:
            if name not in columns.values():
                checker.error(1, name, _("This column is missing."))
        return columns

    def checker(self, plans=None, grace_days=0):
        return RowChecker(self.result, plans=plans or {}, today=self.today, grace_days=grace_days)

    def check(self):
        """Validate every row; returns the checked rows (empty when anything is wrong)."""
        raw_rows = self.read()
        self.result.rows = len(raw_rows)
        if self.result.errors:
            return []
        plans = {}
        for plan in Plan.objects.all():
            plans[plan.name.lower()] = plan
            plans[plan.slug.lower()] = plan
        checker = self.checker(plans, membership_settings().grace_days)
        checked, numbers_seen = self.check_rows(checker, raw_rows)
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
                checker.error(row.row, "email", _("Already used by member %(number)s.") % {"number": owner})
        self.result.errors.sort(key=lambda error: error.row)
        return [] if self.result.errors else checked

    def check_rows(self, checker, raw_rows):
        """Each row checked, and no number or email used twice in the file."""
        checked = []
        numbers_seen = {}
        emails_seen = {}
        for line, values in raw_rows:
            row = checker.check_row(line, values)
            number = values["number"]
            email = values["email"].lower()
            if number and number in numbers_seen:
                checker.error(
                    line, "number", _("Same number as row %(row)d.") % {"row": numbers_seen[number]}
                )
                row = None
            numbers_seen.setdefault(number, line)
            if email and email in emails_seen:
                checker.error(line, "email", _("Same email as row %(row)d.") % {"row": emails_seen[email]})
                row = None
            emails_seen.setdefault(email, line)
            if row:
                checked.append(row)
        return checked, numbers_seen

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
        plan = ImportPlan(now)
        active_declarations = {}
        for declaration in GiftAidDeclaration.objects.filter(
            member__number__in=list(self.existing), cancelled_at__isnull=True
        ):
            active_declarations.setdefault(declaration.member_id, []).append(declaration)
        for row in rows:
            member = self.existing.get(row.number)
            if member is None:
                plan.add_new(row, self.today)
            elif not self.plan_update(plan, member, row, active_declarations.get(member.pk, [])):
                self.result.unchanged += 1
        self.result.created = len(plan.new_members)
        self.result.updated = len(plan.updates)
        if dry_run:
            self.result.declarations_added = len(plan.declarations) + sum(
                1 for row in plan.new_rows if row.gift_aid
            )
            self.result.declarations_cancelled = len(plan.cancelled)
            return
        self.save(plan, rows)

    def plan_update(self, plan, member, row, declarations):
        """Apply a row to an existing member in memory; returns whether anything changed."""
        changes = changed_fields(member, row.fields)
        plan.update_fields.update(changes)
        if "status" in changes:
            member.status_changed_at = plan.now
            plan.update_fields.add("status_changed_at")
        if row.gift_aid is True and not declarations:
            plan.declarations.append(self.declaration_for(member, row))
            changes["gift_aid"] = [False, True]
        elif row.gift_aid is False and declarations:
            for declaration in declarations:
                declaration.cancelled_at = plan.now
                declaration.cancellation_source = DeclarationSource.IMPORT
                plan.cancelled.append(declaration)
            changes["gift_aid"] = [True, False]
        if not changes:
            return False
        member.updated_at = plan.now
        plan.updates.append(member)
        plan.events.append(self.event(member, MemberAction.IMPORT_CHANGED, changes, plan.now))
        return True

    def save(self, plan, rows):
        Member.objects.bulk_create(plan.new_members, batch_size=BATCH_SIZE)
        for member, row in zip(plan.new_members, plan.new_rows, strict=True):
            plan.events.append(self.event(member, MemberAction.IMPORTED, {}, plan.now))
            if row.gift_aid:
                plan.declarations.append(self.declaration_for(member, row))
        if plan.updates:
            Member.objects.bulk_update(
                plan.updates, sorted(plan.update_fields | {"updated_at"}), batch_size=BATCH_SIZE
            )
        GiftAidDeclaration.objects.bulk_create(plan.declarations, batch_size=BATCH_SIZE)
        if plan.cancelled:
            GiftAidDeclaration.objects.bulk_update(
                plan.cancelled, ["cancelled_at", "cancellation_source"], batch_size=BATCH_SIZE
            )
        MemberEvent.objects.bulk_create(plan.events, batch_size=BATCH_SIZE)
        if rows:
            reserve_membership_number(max(row.number_value for row in rows))
        self.result.declarations_added = len(plan.declarations)
        self.result.declarations_cancelled = len(plan.cancelled)

    def declaration_for(self, member, row):
        declared = datetime.datetime.combine(row.gift_aid_date, datetime.time(12, 0))
        return new_declaration(
            member,
            source=DeclarationSource.IMPORT,
            wording=IMPORTED_WORDING,
            wording_version=IMPORTED_WORDING_VERSION,
            declared_at=timezone.make_aware(declared),
        )

    def event(self, member, action, changes, now):
        note = f"from {self.source_name}" if self.source_name else ""
        return MemberEvent(
            member=member,
            at=now,
            actor=staff_user(self.actor),
            actor_label=self.actor_label,
            action=action,
            changes=changes,
            note=note[:NOTE_MAX_LENGTH],
        )


class ImportPlan:
    """What a write will do: new members, changed members, declarations and history, in bulk."""

    def __init__(self, now):
        self.now = now
        self.new_members = []
        self.new_rows = []
        self.updates = []
        self.update_fields = set()
        self.events = []
        self.declarations = []
        self.cancelled = []

    def add_new(self, row, today):
        member = Member(number=row.number, status_changed_at=self.now, **row.fields)
        if member.joined_on is None:
            member.joined_on = today
        self.new_members.append(member)
        self.new_rows.append(row)


def changed_fields(member, fields):
    """Set the row's values on `member`; {field: [old, new]} for those that changed.

    An empty joined date keeps the one held; a cancelled membership keeps its status.
    """
    changes = {}
    for name in COMPARED_FIELDS:
        if name not in fields:
            continue
        new_value = fields[name]
        if name == "joined_on" and new_value is None:
            continue
        if name == "status" and member.status == MembershipStatus.CANCELLED:
            continue
        old_value = getattr(member, name)
        if old_value != new_value:
            changes[name] = [_plain(old_value), _plain(new_value)]
            setattr(member, name, new_value)
    return changes


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
