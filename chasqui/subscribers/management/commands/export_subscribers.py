"""Write the list as CSV, e.g. for a backup or to move to another tool."""

from django.core.management.base import BaseCommand

from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.subscriber_csv import export_subscribers


class Command(BaseCommand):
    help = "Export subscribers as CSV (to standard output, or --output FILE), optionally one status."

    def add_arguments(self, parser):
        parser.add_argument("--status", choices=SubscriberStatus.values)
        parser.add_argument("--output", "-o", help="File to write; standard output when omitted.")

    def handle(self, *args, status=None, output=None, **options):
        if output:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                count = export_subscribers(stream, status=status)
            self.stderr.write(self.style.SUCCESS(f"Exported {count} subscribers to {output}."))
        else:
            export_subscribers(self.stdout, status=status)
