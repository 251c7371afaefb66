"""Import members from a spreadsheet saved as CSV: all rows or none, and a re-run changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from chasqui.core.imports import add_source_arguments, read_source, source_path
from chasqui.membership.secretary.member_import import import_members


class Command(BaseCommand):
    help = (
        "Import members from a CSV file (see README-secretary.md for the columns). "
        "Nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):
        add_source_arguments(parser)

    def handle(self, *args, file, dry_run, **options):
        path = source_path(file)
        result = import_members(
            read_source(file), dry_run=dry_run, actor_label="import", source_name=path.name
        )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"Row {error.row}, {error.column}: {error.message}")
            raise CommandError(f"{len(result.errors)} problem(s) found in {path.name}; nothing was imported.")
        summary = (
            f"{result.rows} rows: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged; Gift Aid declarations added {result.declarations_added}, "
            f"cancelled {result.declarations_cancelled}."
        )
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing written. {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported. {summary}"))
