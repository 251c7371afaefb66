"""Cron (through run_scheduled_jobs): once a day, delete expired sessions and old finished tasks."""

from django.core.management.base import BaseCommand

from chasqui.newsletter.housekeeping import clean_up, task_results_keep_days


class Command(BaseCommand):
    help = "Delete expired sessions and finished task records older than CHASQUI_TASK_RESULTS_KEEP_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even if it already ran today.")

    def handle(self, *args, force=False, **options):
        result = clean_up(force=force)
        if not result.ran:
            self.stdout.write("Already cleaned up today.")
            return
        self.stdout.write(
            f"Deleted {result.sessions} expired session(s) and {result.task_results} finished task "
            f"record(s) older than {task_results_keep_days()} days."
        )
