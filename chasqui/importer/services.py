"""Bringing an old archive across: entries from any parser become pages, redirects and records.

New news items are written in batches (one transaction per batch, rows inserted directly with
`chasqui.core.bulk`, as the news generator does) because the editor's path through revisions and
signals costs tens of milliseconds an item. If a batch fails, it is rolled back and its items are
retried one by one, each in its own transaction, so a bad item is reported and never half-written.
Updates, background pages and files always take the editor's path: a new revision, published
unless kept as a draft.
"""

from pathlib import Path

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from chasqui.news.models import NewsIndexPage
from chasqui.pages.structure import ensure_site_structure

from .bulk_news import BulkNewsWriter
from .choices import ItemKind, Outcome, SourceKind
from .entries import Entry, EntryError, UndatedSection
from .files import FileImporter
from .models import ImportedItem
from .page_writer import PageWriter
from .parsers import SourceError, open_parser
from .parsers.listing import undated_to_page
from .report import EntryRejected, ImportOptions, ImportReport

BATCH_SIZE = 200

__all__ = ["ImportOptions", "ImportReport", "SourceError", "import_source"]


class DryRunRollback(Exception):
    pass


def import_source(stream, name, options: ImportOptions, progress=None) -> ImportReport:
    """Import every entry of one source file; raises SourceError when the file cannot be read."""
    report = ImportReport(source_name=name, dry_run=options.dry_run)
    importer = Importer(options, report)
    if not options.dry_run:
        importer.run(stream, name, progress)
        return report
    try:
        # A dry run does everything a real one does, then rolls it all back.
        with transaction.atomic():
            importer.run(stream, name, progress)
            raise DryRunRollback
    except DryRunRollback:
        pass
    return report


class Importer(PageWriter, FileImporter, BulkNewsWriter):
    """One import: reads the entries, decides what each becomes, and batches new news items."""

    def __init__(self, options: ImportOptions, report: ImportReport):
        self.options = options
        self.report = report
        self.topics = {}
        self.regions = {}
        self.owners = {}
        self.files = {}
        self.batch, self.batch_keys = [], set()

    # Reading

    def run(self, stream, name, progress=None):
        kind, parser = open_parser(
            stream, name, include_drafts=self.options.include_drafts, base_url=self.options.base_url
        )
        self.report.source_kind = self.source_kind = kind
        self.source_name = Path(name).name[:255]
        homes = ensure_site_structure()
        self.home = homes[self.options.language]
        self.news_index = NewsIndexPage.objects.child_of(self.home).get()
        self.site = self.home.get_site() or homes["en"].get_site()
        self.extra_topics = [self.topic(name) for name in self.options.topics]
        self.extra_topic_names = sorted(self.options.topics)
        total = self.size(stream)
        for result in self.in_archive_order(kind, parser):
            if self.take(result) and progress:
                progress(self.report, self.fraction(stream, total))
        self.flush_batch()
        if progress:
            progress(self.report, 1.0)

    def take(self, result):
        """Handle one parser result; True when it completed a batch of new news items."""
        if isinstance(result, EntryError):
            self.report.record(Outcome.FAILED, result.position, result.title, result.reason)
        elif isinstance(result, UndatedSection):
            self.report.undated.append(result)
            if self.options.undated_as_pages:
                self.import_one(undated_to_page(result))
        elif result.kind in (ItemKind.IMAGE, ItemKind.DOCUMENT):
            self.import_attachment(result)
        elif result.kind == ItemKind.PAGE:
            self.import_one(result)
        else:
            if result.key in self.batch_keys:
                self.flush_batch()
            self.batch.append(result)
            self.batch_keys.add(result.key)
            if len(self.batch) >= BATCH_SIZE:
                self.flush_batch()
                return True
        return False

    def flush_batch(self):
        batch, self.batch, self.batch_keys = self.batch, [], set()
        self.import_batch(batch)

    @staticmethod
    def in_archive_order(kind, parser):
        """Listings show the newest item first; create their items oldest first, as they were written,
        so items sharing a date keep the page's order when sorted newest first."""
        if kind != SourceKind.LISTING:
            yield from parser
            return
        results = list(parser)
        news = [r for r in results if isinstance(r, Entry) and r.kind == ItemKind.NEWS]
        yield from (r for r in results if not (isinstance(r, Entry) and r.kind == ItemKind.NEWS))
        yield from reversed(news)

    @staticmethod
    def size(stream):
        try:
            position = stream.tell()
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(position)
            return size
        except (OSError, ValueError, AttributeError):
            return None

    @staticmethod
    def fraction(stream, total):
        try:
            return min(1.0, stream.tell() / total) if total else None
        except (OSError, ValueError):
            return None

    # Deciding what to do

    def import_batch(self, entries):
        if not entries:
            return
        valid = self.valid_entries(self.new_entries(entries))
        if not valid:
            return
        try:
            with transaction.atomic():
                self.bulk_create_news([self.prepare(entry) for entry in valid])
        except (EntryRejected, DatabaseError, IntegrityError, ValueError, TypeError):
            self.forget_cached()
            for entry in valid:
                self.import_one(entry)
        else:
            for entry in valid:
                self.report.record(Outcome.CREATED, entry.position, entry.title)

    def new_entries(self, entries):
        """The entries never imported before; the others are updated (or skipped) here."""
        existing = {
            item.source_key: item
            for item in ImportedItem.objects.filter(
                source_kind=self.source_kind, source_key__in=[entry.key[:500] for entry in entries]
            ).select_related("page")
        }
        new = []
        for entry in entries:
            item = existing.get(entry.key[:500])
            if item is None:
                new.append(entry)
            else:
                self.update_one(entry, item)
        return new

    def valid_entries(self, entries):
        """The entries that can become pages; the others are reported as failed."""
        valid = []
        for entry in entries:
            try:
                self.validate(entry)
            except EntryRejected as error:
                self.report.record(Outcome.FAILED, entry.position, entry.title, str(error))
            else:
                valid.append(entry)
        return valid

    def forget_cached(self):
        """After a rollback, topics, regions or files created inside it no longer exist."""
        self.topics.clear()
        self.regions.clear()
        self.files.clear()
        self.extra_topics = [self.topic(name) for name in self.options.topics]

    def import_one(self, entry):
        """The editor's path for one entry, in its own transaction."""
        item = ImportedItem.objects.filter(source_kind=self.source_kind, source_key=entry.key[:500]).first()
        if item is not None:
            self.update_one(entry, item)
            return
        self.save_entry(entry, Outcome.CREATED, self.create_page, entry)

    def update_one(self, entry, item):
        content_hash = self.hash(entry)
        if item.content_hash == content_hash:
            self.report.record(Outcome.SKIPPED, entry.position, entry.title)
            return
        self.save_entry(entry, Outcome.UPDATED, self.update_page, entry, item, content_hash)

    def save_entry(self, entry, outcome, write, *args):
        """One entry, one transaction: a failure is reported and leaves nothing behind."""
        try:
            with transaction.atomic():
                write(*args)
        except EntryRejected as error:
            self.forget_cached()
            self.report.record(Outcome.FAILED, entry.position, entry.title, str(error))
        except (DatabaseError, ValueError) as error:
            self.forget_cached()
            self.report.record(Outcome.FAILED, entry.position, entry.title, _("Not saved: %s") % error)
        else:
            self.report.record(outcome, entry.position, entry.title)

    def hash(self, entry):
        return entry.content_hash(extra=self.extra_topic_names)
