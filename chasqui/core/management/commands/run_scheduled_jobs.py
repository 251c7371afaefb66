"""One cron line for everything that runs on a clock, so a charity with no staff sets up one job.

Every job is idempotent: running this every five minutes publishes pages on time, starts bulletins
when due and resumes interrupted sends; the daily jobs do their work once a day and nothing on the
later runs of the same day.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from chasqui.core.signals import scheduled_jobs_finished

JOBS = [
    ("publish_scheduled", "pages whose publication time has come"),
    ("send_due_bulletins", "scheduled bulletins and interrupted sends"),
    ("draft_weekly_bulletin", "the weekly bulletin draft, when configured"),
    ("expire_pending_subscribers", "sign-ups nobody confirmed in time"),
    ("run_membership_daily", "membership expiry and renewal reminders"),
    ("run_nightly_backup", "the nightly backup, when configured"),
    ("prune_audit_log", "audit log entries older than CHASQUI_AUDIT_KEEP_DAYS"),
    ("clean_up_old_records", "expired sessions and old finished tasks, once a day"),
    ("check_sources", "the weekly link check of observatory sources, a few addresses a run"),
]


class Command(BaseCommand):
    help = (
        "Run every scheduled job once (publishing, bulletins, sign-up expiry, membership renewals, backups)."
    )

    def handle(self, *args, **options):
        failures = []
        for name, purpose in JOBS:
            self.stdout.write(f"==> {name}: {purpose}")
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception as error:  # noqa: BLE001 - a failure of one job, whatever it is, must never stop the others
                failures.append(name)
                self.stderr.write(self.style.ERROR(f"{name} failed: {error!r}"))
        scheduled_jobs_finished.send(sender=self.__class__, failures=failures)
        if failures:
            raise SystemExit(f"Scheduled jobs failed: {', '.join(failures)}")
        self.stdout.write(self.style.SUCCESS("All scheduled jobs ran."))
