"""Cron entry point for the weekly draft (CHASQUI_BULLETIN_AUTODRAFT, e.g. "fri 09:00").

Run it often (every 15 minutes); it drafts at most once per weekly slot, only when no draft
or scheduled bulletin is already waiting, and emails the editors a link to review it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from chasqui.newsletter.autodraft import draft_weekly


class Command(BaseCommand):
    help = "Draft the next bulletin when the weekly time has come, and email the editors a review link."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument(
            "--force", action="store_true", help="Draft now, whatever the weekly setting says."
        )

    def handle(self, *args, language, force, **options):
        bulletin = draft_weekly(language=language, force=force)
        if bulletin is None:
            self.stdout.write("Nothing to draft now.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Drafted {bulletin} with {bulletin.items.count()} news items.")
            )
