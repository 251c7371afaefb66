"""Deletes the archived copies no source cites any more: a safety net for the deletions made as sources
are removed or replaced (a storage that was down, copies older than that), to run once a week."""

from django.core.management.base import BaseCommand

from chasqui.observatory import archive_cleanup


class Command(BaseCommand):
    help = "Delete the captured and uploaded copies of sources that no incident's source cites any more."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        result = archive_cleanup.delete_leftovers(dry_run=dry_run)
        for name in [*result.captures, *result.uploads]:
            self.stdout.write(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(result.captures)} capture(s) and {len(result.uploads)} other file(s)."
            )
        )
