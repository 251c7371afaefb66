"""The link check of observatory sources: run by run_scheduled_jobs every few minutes, or by hand.

Each run checks the addresses due their weekly check, a few at a time (CHASQUI_SOURCE_CHECK_*), and
queues a capture for those that answer but have no archived copy yet.
"""

from django.core.management.base import BaseCommand

from chasqui.observatory import linkcheck


class Command(BaseCommand):
    help = "Check the source addresses of published incidents that are due their weekly check."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, help="Addresses to check at most (CHASQUI_SOURCE_CHECK_PER_RUN)."
        )
        parser.add_argument(
            "--per-host", type=int, help="Addresses of one host at most (CHASQUI_SOURCE_CHECK_PER_HOST)."
        )
        parser.add_argument(
            "--all", action="store_true", help="Check addresses checked less than a week ago too."
        )

    def handle(self, *args, limit=None, per_host=None, all=False, **options):
        result = linkcheck.run(limit=limit, per_host=per_host, everything=all)
        self.stdout.write(
            f"Checked {result.checked} source address(es): {result.failed} failed, "
            f"{result.stopped} no longer answering; {result.captures} capture(s) queued; "
            f"{result.left} due left for the next run."
        )
