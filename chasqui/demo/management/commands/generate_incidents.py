"""Fill the observatory with synthetic incidents, to try its index, map and exports at scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from chasqui.demo.incident_generator import generate_incidents


class Command(BaseCommand):
    help = "Create N synthetic, published incidents in bulk (10,000 take seconds), most of them located."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many incidents to create.")
        parser.add_argument("--language", choices=["en", "es"], default="en")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")
        parser.add_argument("--years", type=int, default=8, help="Spread dates back over this many years.")

    def handle(self, *args, count, language, seed, years, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started = time.monotonic()
        result = generate_incidents(count, language=language, seed=seed, years=years)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.created} incidents under {result.index.url_path} in {elapsed:.1f} s."
            )
        )
