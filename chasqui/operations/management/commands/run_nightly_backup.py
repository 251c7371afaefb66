"""Run by run_scheduled_jobs: the day's backup once CHASQUI_BACKUP_AT has passed, once a day."""

from django.core.management.base import BaseCommand, CommandError

from chasqui.operations.backup import BACKUP_ERRORS, create_backup, nightly_backup_due


class Command(BaseCommand):
    help = "Back up the site if CHASQUI_BACKUP_AT is set and today's backup has not been attempted yet."

    def handle(self, *args, **options):
        if not nightly_backup_due():
            self.stdout.write("No backup due.")
            return
        try:
            result = create_backup()
        except BACKUP_ERRORS as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {result.record.archive_name}."))
