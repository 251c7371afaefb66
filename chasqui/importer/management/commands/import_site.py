"""Bring an old site's archive across: listing pages, WordPress exports or CSV, re-runnable safely."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chasqui.core.imports import source_path
from chasqui.importer.services import ImportOptions, SourceError, import_source

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import news (and background pages) from a saved listing page (.html/.txt), a WordPress export "
        "(.xml) or a CSV file. Importing the same source again only updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Path of the file to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument(
            "--as-drafts", action="store_true", help="Leave new and changed items unpublished."
        )
        parser.add_argument(
            "--topic", action="append", default=[], help="Add this topic to every imported item (repeatable)."
        )
        parser.add_argument("--language", choices=["en", "es"], default="en", help="Archive language.")
        parser.add_argument("--include-drafts", action="store_true", help="Also import WordPress drafts.")
        parser.add_argument(
            "--undated-as-pages",
            action="store_true",
            help="Import a listing's undated sections (Aims, Why join...) as background pages.",
        )
        parser.add_argument(
            "--media-dir", help="Folder holding the export's uploaded files (wp-content/uploads)."
        )
        parser.add_argument(
            "--base-url", default="", help="Address the listing page was at, for relative links."
        )

    def handle(self, *args, source, **options):
        path = source_path(source)
        media_dir = Path(options["media_dir"]) if options["media_dir"] else None
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        import_options = ImportOptions(
            dry_run=options["dry_run"],
            as_drafts=options["as_drafts"],
            topics=tuple(options["topic"]),
            language=options["language"],
            include_drafts=options["include_drafts"],
            undated_as_pages=options["undated_as_pages"],
            media_dir=media_dir,
            base_url=options["base_url"],
        )
        show_progress = sys.stderr.isatty() and options["verbosity"] > 0
        try:
            with path.open("rb") as stream:
                report = import_source(
                    stream, path.name, import_options, progress=self.progress if show_progress else None
                )
        except (SourceError, OSError) as error:
            raise CommandError(f"Cannot read {source}: {error}") from error
        if show_progress:
            sys.stderr.write("\n")
        self.print_report(report)

    def progress(self, report, fraction):
        done = report.processed
        if fraction is None:
            sys.stderr.write(f"\r{done:,} entries")
        else:
            filled = int(fraction * BAR_WIDTH)
            sys.stderr.write(
                f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {fraction:4.0%}  {done:,} entries"
            )
        sys.stderr.flush()

    def print_report(self, report):
        for problem in report.problems:
            self.stdout.write(
                f"{problem.outcome.upper()} {problem.position}: {problem.title or '-'}: {problem.reason}"
            )
        for section in report.undated:
            self.stdout.write(f"UNDATED {section.position}: {section.title}")
        for url in report.missing_files:
            self.stdout.write(f"MISSING FILE {url}")
        counts = report.summary()
        prefix = "Dry run, nothing saved. Would have: " if report.dry_run else ""
        line = (
            f"{prefix}{counts['created']} created, {counts['updated']} updated, "
            f"{counts['skipped']} skipped, {counts['failed']} failed"
        )
        if report.undated:
            line += f"; {len(report.undated)} undated sections"
        style = self.style.WARNING if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(f"{report.source_name} ({report.source_kind}): {line}."))
