"""Cron entry point: start scheduled bulletins whose time has come and resume interrupted sends.

With the database worker the send also re-queues itself, so this command is the safety net
for sends whose worker stopped (or for task backends that cannot run tasks later).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin
from chasqui.newsletter.outbox import has_work, in_progress, start_due_bulletins
from chasqui.newsletter.tasks import enqueue_send


class Command(BaseCommand):
    help = "Queue sending for scheduled bulletins that are due and for sends that were interrupted."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be queued; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            due = Bulletin.objects.filter(status=BulletinStatus.SCHEDULED, scheduled_for__lte=now)
            sending = Bulletin.objects.filter(status=BulletinStatus.SENDING)
            for bulletin in [*due, *sending]:
                self.stdout.write(f"Would queue {bulletin} ({bulletin.get_status_display()})")
            return
        start_due_bulletins(now)
        queued = 0
        for bulletin in Bulletin.objects.filter(status=BulletinStatus.SENDING):
            if bulletin.retry_at and bulletin.retry_at > now:
                self.stdout.write(f"{bulletin}: waiting to retry at {bulletin.retry_at:%Y-%m-%d %H:%M}")
                continue
            if in_progress(bulletin, now):
                self.stdout.write(f"{bulletin}: a worker is sending it now")
                continue
            if not has_work(bulletin, now):
                self.stdout.write(f"{bulletin}: waiting for addresses to be retried")
                continue
            enqueue_send(bulletin.pk)
            queued += 1
            bulletin.refresh_from_db()
            self.stdout.write(f"{bulletin}: {bulletin.get_status_display()}")
        self.stdout.write(self.style.SUCCESS(f"Queued {queued} bulletin send(s)."))
