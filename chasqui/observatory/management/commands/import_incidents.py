"""Import incidents from a CSV file (header in docs/observatory.md): all or nothing, re-runnable."""

from django.core.management.base import BaseCommand, CommandError

from chasqui.core.imports import add_source_arguments, read_source
from chasqui.observatory.importing import import_incidents


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV file into the English incidents index. A file with any error "
        "writes nothing; importing the same file again creates nothing new."
    )

    def add_arguments(self, parser):
        add_source_arguments(parser)

    def handle(self, *args, file, dry_run, **options):
        result = import_incidents(read_source(file), dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s): nothing was imported.")
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            f"{verb} {result.created} incident(s) and {len(result.new_actors)} actor(s); "
            f"{result.unchanged} already imported."
        )
