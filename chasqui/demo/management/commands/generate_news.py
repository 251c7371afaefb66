"""Fill the archive with synthetic news, to try listings, feeds and search at realistic scale."""

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from chasqui.demo.generator import generate_news


class Command(BaseCommand):
    help = "Create N synthetic, published news items in bulk (10,000 take seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many items to create.")
        parser.add_argument("--language", choices=["en", "es"], default="en")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")
        parser.add_argument("--years", type=int, default=8, help="Spread dates back over this many years.")
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Do not rebuild the site search index afterwards.",
        )

    def handle(self, *args, count, language, seed, years, skip_search_index, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started = time.monotonic()
        result = generate_news(count, language=language, seed=seed, years=years)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.created} news items under {result.index.url_path} in {elapsed:.1f} s."
            )
        )
        if not skip_search_index and "rebuild_search_index" in get_commands():
            call_command("rebuild_search_index", stdout=self.stdout)
