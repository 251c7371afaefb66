"""Delete audit log entries older than the keeping period, so personal data is not kept for ever.

Idempotent: run every few minutes by run_scheduled_jobs, it deletes nothing until an entry ages out.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from chasqui.core import audit


class Command(BaseCommand):
    help = "Delete audit log entries (Site history) older than CHASQUI_AUDIT_KEEP_DAYS; 0 keeps them all."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        days = audit.keep_days()
        if not days:
            self.stdout.write("CHASQUI_AUDIT_KEEP_DAYS is 0: audit log entries are kept for ever.")
            return
        if dry_run:
            count = sum(query.count() for query in audit.expired_entries())
            self.stdout.write(f"Would delete {count} audit log entries older than {days} days.")
            return
        with transaction.atomic():
            count = audit.prune()
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} audit log entries older than {days} days."))
