"""The daily membership run: move members along active → grace → lapsed by the calendar, send
renewal reminders and forget finished sign-in codes. Set-based throughout, so its query count does
not grow with the membership: one UPDATE and one INSERT … SELECT per kind of move, one SELECT of
members due a reminder, one INSERT of their reminders, one SELECT of those created, one email task
per chunk of them, and one DELETE of old codes."""

import datetime
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import CharField, DateTimeField, Exists, F, JSONField, OuterRef, Q, Value
from django.utils import timezone

from .. import emails
from ..account import signin
from ..choices import MemberAction, MembershipStatus, PaymentMethod, ReminderKind
from ..member_calendar import calendar_moves
from ..models import Member, MemberEvent, Reminder, model_field, table_name
from ..organisation import membership_settings

# Emails are rendered and sent in tasks of this many reminders, each over one SMTP connection.
REMINDER_CHUNK_SIZE = 500
RENEW_FIRST_NOTICE_DAYS = 30
RENEW_LAST_NOTICE_DAYS = 7
CARD_NOTICE_DAYS = 7
# Members who lapsed longer ago than this (e.g. imported) are not written to out of the blue.
LAPSED_NOTICE_WINDOW_DAYS = 30

ACTIVE, LAPSED = MembershipStatus.ACTIVE, MembershipStatus.LAPSED


@dataclass
class DailyRun:
    today: datetime.date
    transitions: dict = field(default_factory=dict)
    reminders: dict = field(default_factory=dict)
    tasks_enqueued: int = 0
    sign_in_codes_deleted: int = 0
    dry_run: bool = False

    @property
    def reminder_count(self):
        return sum(self.reminders.values())


def apply_transitions(today, grace_days, run_at):
    """One UPDATE per kind of move; the rows it touched carry a marker timestamp, so one
    INSERT … SELECT writes their history. Two queries per kind of move, whatever the numbers."""
    counts = {}
    for offset, (from_status, to_status, condition) in enumerate(calendar_moves(today, grace_days)):
        marker = run_at + datetime.timedelta(microseconds=offset)
        moved = Member.objects.filter(condition, status=from_status, expires_on__isnull=False).update(
            status=to_status, status_changed_at=marker, updated_at=run_at
        )
        _log_transitions(
            Member.objects.filter(status=to_status, status_changed_at=marker),
            at=run_at,
            changes={"status": [from_status, to_status]},
            note=f"by date ({today.isoformat()})",
        )
        if moved:
            counts[f"{from_status}→{to_status}"] = moved
    return counts


def _log_transitions(members, *, at, changes, note):
    """INSERT INTO memberevent … SELECT from `members`: the history of a set-based change."""
    rows = (
        members.order_by()
        .annotate(
            event_member=F("pk"),
            event_at=Value(at, output_field=DateTimeField()),
            event_actor_label=Value("system", output_field=CharField()),
            event_action=Value(MemberAction.STATUS.value, output_field=CharField()),
            event_changes=Value(changes, output_field=JSONField()),
            event_note=Value(note, output_field=CharField()),
        )
        .values_list(
            "event_member", "event_at", "event_actor_label", "event_action", "event_changes", "event_note"
        )
    )
    select_sql, params = rows.query.sql_with_params()
    connection = connections[members.db]
    # Table and column names come from the model, the values travel as parameters.
    table = connection.ops.quote_name(table_name(MemberEvent))
    columns = ", ".join(
        connection.ops.quote_name(model_field(MemberEvent, name).column)
        for name in ("member", "at", "actor_label", "action", "changes", "note")
    )
    statement = " ".join(["INSERT INTO", table, f"({columns})", select_sql])
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _already_sent(kind):
    return Exists(
        Reminder.objects.filter(member=OuterRef("pk"), kind=kind, period_expires_on=OuterRef("expires_on"))
    )


def due_reminder_conditions(today, grace_days):
    """kind → which members are due it today (and have not had it for this period)."""
    days = datetime.timedelta
    manual = Q(status=ACTIVE) & ~Q(payment_method=PaymentMethod.CARD_SUBSCRIPTION)
    return {
        ReminderKind.RENEW_30_DAYS: manual
        & Q(
            expires_on__gt=today + days(RENEW_LAST_NOTICE_DAYS),
            expires_on__lte=today + days(RENEW_FIRST_NOTICE_DAYS),
        ),
        ReminderKind.RENEW_7_DAYS: manual
        & Q(expires_on__gte=today, expires_on__lte=today + days(RENEW_LAST_NOTICE_DAYS)),
        ReminderKind.CARD_CHARGE_NOTICE: Q(
            status=ACTIVE,
            payment_method=PaymentMethod.CARD_SUBSCRIPTION,
            expires_on__gte=today,
            expires_on__lte=today + days(CARD_NOTICE_DAYS),
        ),
        ReminderKind.LAPSED: Q(
            status=LAPSED,
            expires_on__gte=today - days(grace_days + LAPSED_NOTICE_WINDOW_DAYS),
        ),
    }


def kind_for(member_row, today):
    """Which reminder a due member gets (the windows do not overlap)."""
    _pk, expires_on, status, payment_method = member_row
    if status == LAPSED:
        return ReminderKind.LAPSED
    if payment_method == PaymentMethod.CARD_SUBSCRIPTION:
        return ReminderKind.CARD_CHARGE_NOTICE
    if expires_on > today + datetime.timedelta(days=RENEW_LAST_NOTICE_DAYS):
        return ReminderKind.RENEW_30_DAYS
    return ReminderKind.RENEW_7_DAYS


def create_due_reminders(today, grace_days, run_at):
    """One SELECT of due members, one INSERT of their reminders (a reminder already sent for the
    period is skipped by the unique constraint), one SELECT of the rows created in this run."""
    due = Q()
    for kind, condition in due_reminder_conditions(today, grace_days).items():
        due |= condition & ~_already_sent(kind)
    rows = Member.objects.not_erased().filter(due).values_list("pk", "expires_on", "status", "payment_method")
    Reminder.objects.bulk_create(
        (
            Reminder(member_id=row[0], kind=kind_for(row, today), period_expires_on=row[1], sent_at=run_at)
            for row in rows
        ),
        ignore_conflicts=True,
    )
    created = list(Reminder.objects.filter(sent_at=run_at).values_list("pk", "kind").order_by("pk"))
    counts = {}
    for _pk, kind in created:
        counts[kind] = counts.get(kind, 0) + 1
    return [pk for pk, _kind in created], counts


def enqueue_reminder_emails(reminder_ids, today, chunk_size=REMINDER_CHUNK_SIZE):
    chunks = [reminder_ids[start : start + chunk_size] for start in range(0, len(reminder_ids), chunk_size)]
    for chunk in chunks:
        emails.send_reminders(chunk, today)
    return len(chunks)


def run_daily(today=None, *, dry_run=False, reminders=True, chunk_size=REMINDER_CHUNK_SIZE):
    """Everything the calendar asks for today. A dry run works out the same and then undoes it."""
    today = today or timezone.localdate()
    grace_days = membership_settings().grace_days
    run_at = timezone.now()
    result = DailyRun(today=today, dry_run=dry_run)
    with transaction.atomic():
        result.transitions = apply_transitions(today, grace_days, run_at)
        reminder_ids = []
        if reminders:
            reminder_ids, result.reminders = create_due_reminders(today, grace_days, run_at)
        result.sign_in_codes_deleted = signin.delete_finished_codes(run_at)
        if dry_run:
            transaction.set_rollback(True)
        elif reminder_ids:
            result.tasks_enqueued = -(-len(reminder_ids) // chunk_size)
            transaction.on_commit(lambda: enqueue_reminder_emails(reminder_ids, today, chunk_size))
    return result
