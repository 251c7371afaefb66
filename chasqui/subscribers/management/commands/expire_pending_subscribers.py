"""Forget sign-ups nobody confirmed in time; run daily (cron or a scheduled task)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from chasqui.subscribers import services


class Command(BaseCommand):
    help = (
        "Delete (or return to their earlier status) sign-ups left unconfirmed "
        "for CHASQUI_SUBSCRIBER_CONFIRM_DAYS."
    )

    def handle(self, *args, **options):
        expiry = services.expire_pending()
        self.stdout.write(
            self.style.SUCCESS(
                f"Expired sign-ups older than {settings.CHASQUI_SUBSCRIBER_CONFIRM_DAYS} days: "
                f"{expiry.deleted} deleted, {expiry.reverted} returned to their earlier status."
            )
        )
