"""Refill the site search index from every live, public page, e.g. after a bulk import."""

import time

from django.core.management.base import BaseCommand

from chasqui.search import services
from chasqui.search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the site search index from every live, public page it searches, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the current number of entries and change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"The search index holds {SearchEntry.objects.count()} entries.")
            return
        started = time.perf_counter()
        written = services.rebuild_index()
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {written} pages in {elapsed:.1f} s."))
