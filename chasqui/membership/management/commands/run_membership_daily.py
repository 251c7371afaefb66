"""Run once a day (cron): lapse memberships by the calendar and send renewal reminders."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from chasqui.membership.lifecycle import daily_run


class Command(BaseCommand):
    help = "Move members along active → grace → lapsed by date and send the reminders due today."
    run_reminders = True

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today must be a date like 2026-11-27") from error
        result = daily_run.run_daily(day, dry_run=dry_run, reminders=self.run_reminders)
        prefix = "Would have: " if dry_run else ""
        moves = ", ".join(f"{name}: {count}" for name, count in result.transitions.items()) or "none"
        sent = ", ".join(f"{name}: {count}" for name, count in result.reminders.items()) or "none"
        self.stdout.write(f"{prefix}status changes on {result.today}: {moves}")
        if self.run_reminders:
            self.stdout.write(f"{prefix}reminders: {sent} (in {result.tasks_enqueued} email task(s))")
        self.stdout.write(f"{prefix}old sign-in codes deleted: {result.sign_in_codes_deleted}")
        self.stdout.write(self.style.SUCCESS("Done."))
