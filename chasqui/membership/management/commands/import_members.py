"""Import members from a spreadsheet saved as CSV: all rows or none, and a re-run changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chasqui.membership.secretary.member_import import import_members


class Command(BaseCommand):
    help = (
        "Import members from a CSV file (see README-secretary.md for the columns). "
        "Nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = import_members(
            path.read_bytes(), dry_run=dry_run, actor_label="import", source_name=path.name
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
