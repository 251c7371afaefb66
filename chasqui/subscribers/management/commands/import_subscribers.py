"""Bring a list from another mailing tool across, keeping each address's status."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chasqui.core.imports import add_source_arguments, read_source
from chasqui.subscribers.subscriber_csv import import_subscribers


class Command(BaseCommand):
    help = (
        "Import subscribers from a CSV file with columns email, name, language, status. "
        "Nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):
        add_source_arguments(parser)

    def handle(self, *args, file, dry_run, **options):
        report = import_subscribers(
            read_source(file), dry_run=dry_run, detail=f"CSV import of {Path(file).name}"
        )
        if not report.is_valid:
            for line, message in report.errors:
                self.stderr.write(f"line {line}: {message}" if line else message)
            raise CommandError(f"{len(report.errors)} error(s) in {file}; nothing was imported.")
        counts = report.summary()
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(report.rows)} rows: {counts['create']} new, {counts['update']} updated, "
                f"{counts['unchanged']} unchanged, {counts['kept']} kept as unsubscribed here."
            )
        )
