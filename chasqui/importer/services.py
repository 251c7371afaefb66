"""Bringing an old archive across: entries from any parser become pages, redirects and records.

New news items are written in batches (one transaction per batch, rows inserted directly, as the
news generator does) because the editor's path through revisions and signals costs tens of
milliseconds an item. If a batch fails, it is rolled back and its items are retried one by one,
each in its own transaction, so a bad item is reported and never half-written. Updates, background
pages and files always take the editor's path: a new revision, published unless kept as a draft.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from chasqui.core import routing
from chasqui.core.structure import ensure_site_structure
from chasqui.news.generator import insert_rows, next_child_step
from chasqui.news.listing import invalidate_news_listings
from chasqui.news.models import NewsIndexPage, NewsItemPage, Region, Topic
from chasqui.pages.models import StandardPage
from chasqui.search import services as search

from .choices import ItemKind, Outcome, SourceKind
from .entries import Entry, EntryError, UndatedSection
from .html import file_kind, html_to_blocks
from .models import ImportedItem
from .parsers import SourceError, open_parser
from .parsers.listing import undated_to_page
from .tasks import add_to_admin_search

BATCH_SIZE = 200
MAX_LISTED = 500
TITLE_MAX = 255
SLUG_MAX = 80

__all__ = ["ImportOptions", "ImportReport", "SourceError", "import_source"]


@dataclass
class ImportOptions:
    dry_run: bool = False
    as_drafts: bool = False
    topics: tuple = ()
    language: str = "en"
    include_drafts: bool = False
    undated_as_pages: bool = False
    media_dir: Path | None = None
    base_url: str = ""
    user: object = None


@dataclass
class EntryProblem:
    position: str
    title: str
    reason: str
    outcome: str = Outcome.FAILED


@dataclass
class ImportReport:
    source_name: str
    source_kind: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    problems: list[EntryProblem] = field(default_factory=list)
    undated: list[UndatedSection] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    def record(self, outcome, position="", title="", reason=""):
        self.counts[outcome] += 1
        if reason and len(self.problems) < MAX_LISTED:
            self.problems.append(EntryProblem(position, title, reason, outcome))

    @property
    def failures(self):
        return [problem for problem in self.problems if problem.outcome == Outcome.FAILED]

    @property
    def processed(self):
        return sum(self.counts.values())

    def summary(self):
        return {outcome.value: self.counts.get(outcome.value, 0) for outcome in Outcome}


class DryRunRollback(Exception):
    pass


class EntryRejected(Exception):
    """An entry that cannot become a page; its message is the reason shown to the editor."""


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


def aware_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


class Importer:
    def __init__(self, options: ImportOptions, report: ImportReport):
        self.options = options
        self.report = report
        self.topics = {}
        self.regions = {}
        self.owners = {}
        self.files = {}

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
        batch, keys = [], set()
        for result in self.in_archive_order(kind, parser):
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
                if result.key in keys:
                    self.import_batch(batch)
                    batch, keys = [], set()
                batch.append(result)
                keys.add(result.key)
                if len(batch) >= BATCH_SIZE:
                    self.import_batch(batch)
                    batch, keys = [], set()
                    if progress:
                        progress(self.report, self.fraction(stream, total))
        self.import_batch(batch)
        if progress:
            progress(self.report, 1.0)

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
        valid = []
        for entry in new:
            try:
                self.validate(entry)
            except EntryRejected as error:
                self.report.record(Outcome.FAILED, entry.position, entry.title, str(error))
            else:
                valid.append(entry)
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

    # Building pages

    def validate(self, entry):
        if not entry.title.strip():
            raise EntryRejected(_("The entry has an empty title."))
        if len(entry.title) > TITLE_MAX:
            raise EntryRejected(_("The title is longer than %d characters.") % TITLE_MAX)
        if entry.kind == ItemKind.NEWS and entry.date is None:
            raise EntryRejected(_("The entry has no date."))

    def body(self, entry):
        return html_to_blocks(entry.body_html, self.resolve_file)

    def fill(self, page, entry):
        """Copy the entry's fields onto a news item or background page (new or existing)."""
        page.title = entry.title.strip()
        if isinstance(page, NewsItemPage):
            page.date = entry.date
            page.lede = entry.lede.strip() or page.title
            page.bulletin_number = entry.bulletin_number
            page.body = self.body(entry)
            topics, regions = self.classify(entry)
            page.topics = topics
            page.regions = regions
        else:
            page.intro = entry.lede.strip()
            page.body = self.body(entry)
        return page

    def classify(self, entry):
        topics, regions = list(self.extra_topics), []
        for name in entry.topics:
            region = self.region(name, create=False)
            if region is not None:
                regions.append(region)
            else:
                topics.append(self.topic(name))
        regions += [self.region(name) for name in entry.regions]
        return list(dict.fromkeys(topics)), list(dict.fromkeys(regions))

    def parent_for(self, entry):
        return self.news_index if entry.kind == ItemKind.NEWS else self.home

    @staticmethod
    def base_slug(entry):
        return slugify(entry.slug or entry.title)[:SLUG_MAX].strip("-") or "item"

    def slug_for(self, entry, parent, taken=(), free=None):
        """A slug no sibling has; `free` holds base slugs already known to be unused."""
        base = self.base_slug(entry)
        if free is not None and base in free and base not in taken:
            return base
        used = set(taken) | set(
            Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in used:
            suffix = f"-{number}"
            slug, number = f"{base[: SLUG_MAX - len(suffix)]}{suffix}", number + 1
        return slug

    def published_at(self, entry):
        if entry.published_at is not None:
            return min(entry.published_at, timezone.now())
        return min(aware_noon(entry.date), timezone.now()) if entry.date else timezone.now()

    def owner(self, entry):
        if entry.author and entry.author not in self.owners:
            User = get_user_model()
            self.owners[entry.author] = User.objects.filter(
                Q(username__iexact=entry.author) | Q(email__iexact=entry.author)
            ).first()
        return self.owners.get(entry.author) or self.options.user

    def keeps_draft(self, entry):
        return self.options.as_drafts or entry.is_draft

    def create_page(self, entry):
        self.validate(entry)
        parent = Page.objects.get(pk=self.parent_for(entry).pk).specific
        model = NewsItemPage if entry.kind == ItemKind.NEWS else StandardPage
        page = self.fill(model(slug=self.slug_for(entry, parent), live=False, owner=self.owner(entry)), entry)
        if not self.keeps_draft(entry):
            page.first_published_at = self.published_at(entry)
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.options.user, log_action=True)
        if not self.keeps_draft(entry):
            revision.publish(user=self.options.user)
        self.record_item(entry, page)
        self.add_redirect(entry, page)
        return page

    def update_page(self, entry, item, content_hash):
        self.validate(entry)
        page = item.page.specific
        self.fill(page, entry)
        revision = page.save_revision(user=self.options.user, log_action=True)
        if not self.keeps_draft(entry):
            revision.publish(user=self.options.user)
        item.content_hash = content_hash
        item.source_name = self.source_name
        item.original_url = entry.original_url[:500]
        item.bulletin_label = entry.bulletin_label[:100]
        item.author = entry.author[:200]
        item.save()
        self.add_redirect(entry, page)

    def record_item(self, entry, page):
        ImportedItem.objects.create(**self.item_fields(entry, page.pk))

    def item_fields(self, entry, page_id):
        return {
            "source_kind": self.source_kind,
            "source_key": entry.key[:500],
            "source_name": self.source_name,
            "kind": entry.kind,
            "original_url": entry.original_url[:500],
            "content_hash": self.hash(entry),
            "author": entry.author[:200],
            "bulletin_label": entry.bulletin_label[:100],
            "page_id": page_id,
        }

    # Old links

    def old_paths(self, entry, page):
        """The redirect path for the entry's old address, unless that is still the page's own.

        Wagtail redirects answer only requests that would otherwise be 404s, so an old address
        under a live page (such as `/?p=123`, under the home page) cannot be redirected.
        """
        root = self.site.root_page.url_path if self.site else "/"
        own = "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else None
        own = Redirect.normalise_path(own) if own else None
        path = Redirect.normalise_path(entry.original_url) if entry.original_url else ""
        return [path] if path and path != "/" and path != own and len(path) <= 255 else []

    def add_redirect(self, entry, page):
        """A permanent redirect from the entry's old URL; an existing redirect is left as it is."""
        for path in self.old_paths(entry, page):
            if not Redirect.objects.filter(old_path=path, site=self.site).exists():
                Redirect.objects.create(old_path=path, site=self.site, redirect_page=page, is_permanent=True)

    # Classification

    def topic(self, name):
        slug, _sep, label = name.partition("|") if "|" in name else (slugify(name), "", name)
        label = (label or name).strip()[:80]
        slug = (slugify(slug) or slugify(label))[:80]
        if slug not in self.topics:
            topic = Topic.objects.filter(Q(slug=slug) | Q(name__iexact=label)).first()
            if topic is None:
                topic = Topic.objects.create(name=label, slug=slug)
            self.topics[slug] = topic
        return self.topics[slug]

    def region(self, name, create=True):
        label = name.partition("|")[2] if "|" in name else name
        slug = slugify(name.partition("|")[0] if "|" in name else name)[:80]
        if slug not in self.regions or (create and self.regions[slug] is None):
            region = Region.objects.filter(Q(slug=slug) | Q(name__iexact=label.strip())).first()
            if region is None and create:
                region = Region.objects.create(name=label.strip()[:80], slug=slug)
            self.regions[slug] = region
        return self.regions[slug]

    # Files

    def locate(self, url):
        media_dir = self.options.media_dir
        if not media_dir or not url:
            return None
        path = url.split("?", 1)[0].split("#", 1)[0]
        relative = path.split("/uploads/", 1)[1] if "/uploads/" in path else path.rsplit("/", 1)[-1]
        root = Path(media_dir).resolve()
        for candidate in (
            root / relative,
            root / "wp-content" / "uploads" / relative,
            root / Path(path).name,
        ):
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(root):
                return resolved
        return None

    def file_key(self, url):
        path = url.split("?", 1)[0]
        return "file|" + (path.split("/uploads/", 1)[1] if "/uploads/" in path else path.rsplit("/", 1)[-1])

    def resolve_file(self, url, kind, title=""):
        """The id of the image or document for an old file URL, importing the file once if supplied."""
        key = self.file_key(url)
        if key in self.files:
            return self.files[key]
        item = ImportedItem.objects.filter(source_kind=self.source_kind, source_key=key).first()
        if item is not None:
            self.files[key] = item.image_id or item.document_id
            return self.files[key]
        found = self.locate(url)
        if found is not None and self.options.dry_run:
            # Storage is not transactional: a dry run must not leave copies of files behind.
            self.files[key] = None
            return None
        if found is None:
            if len(self.report.missing_files) < MAX_LISTED and url not in self.report.missing_files:
                self.report.missing_files.append(url)
            self.files[key] = None
            return None
        with transaction.atomic():
            data = found.read_bytes()
            title = (title or found.stem.replace("-", " ").replace("_", " "))[:255]
            fields = {"source_kind": self.source_kind, "source_key": key, "source_name": self.source_name}
            fields.update(original_url=url[:500], content_hash=uuid.uuid5(uuid.NAMESPACE_URL, key).hex)
            if kind == "image":
                image = get_image_model()(title=title)
                image.file = ImageFile(ContentFile(data), name=found.name)
                image.save()
                image.get_file_size()
                image.get_file_hash()
                ImportedItem.objects.create(kind=ItemKind.IMAGE, image=image, **fields)
                self.files[key] = image.pk
            else:
                document = get_document_model()(title=title)
                document.file = ContentFile(data, name=found.name)
                document.save()
                document.get_file_size()
                document.get_file_hash()
                ImportedItem.objects.create(kind=ItemKind.DOCUMENT, document=document, **fields)
                self.files[key] = document.pk
        return self.files[key]

    def import_attachment(self, entry):
        """An attachment item of a WordPress export becomes an image or document if its file is here."""
        if not self.options.media_dir:
            return
        attachment = entry.attachments[0]
        key = self.file_key(attachment.url)
        known = (
            self.files.get(key)
            or ImportedItem.objects.filter(source_kind=self.source_kind, source_key=key).exists()
        )
        if known:
            self.report.record(Outcome.SKIPPED, entry.position, entry.title)
            return
        kind = attachment.kind or file_kind(attachment.url)
        try:
            found = self.resolve_file(attachment.url, kind, entry.title)
        except (OSError, ValueError, DatabaseError) as error:
            self.forget_cached()
            self.report.record(
                Outcome.FAILED, entry.position, entry.title, _("File not imported: %s") % error
            )
            return
        if found:
            self.report.record(Outcome.CREATED, entry.position, entry.title)
        else:
            reason = _("The file %s was not supplied alongside the export.") % attachment.url
            self.report.record(Outcome.SKIPPED, entry.position, entry.title, reason)

    # The fast path for new news items

    def prepare(self, entry):
        """Build one new news item in memory; files and topics may be created here."""
        page = self.fill(NewsItemPage(owner=self.owner(entry)), entry)
        return entry, page

    def bulk_create_news(self, prepared):
        index = NewsIndexPage.objects.get(pk=self.news_index.pk)
        content_type = ContentType.objects.get_for_model(NewsItemPage)
        page_type = ContentType.objects.get_for_model(Page)
        now = timezone.now()
        step = next_child_step(index)
        bases = {self.base_slug(entry) for entry, _page in prepared}
        free = bases - set(Page.objects.child_of(index).filter(slug__in=bases).values_list("slug", flat=True))
        taken = set()
        for number, (entry, page) in enumerate(prepared):
            page.slug = self.slug_for(entry, index, taken, free)
            taken.add(page.slug)
            draft = self.keeps_draft(entry)
            published = None if draft else self.published_at(entry)
            page.draft_title = page.title
            page.content_type = content_type
            page.path = Page._get_path(index.path, index.depth + 1, step + number)
            page.depth = index.depth + 1
            page.numchild = 0
            page.url_path = f"{index.url_path}{page.slug}/"
            page.live = not draft
            page.has_unpublished_changes = draft
            page.first_published_at = page.last_published_at = published
            page.latest_revision_created_at = now
            page.locale_id = index.locale_id
            page.translation_key = uuid.uuid4()
        # Serialised before the pages have ids, so no queries for their (empty) child relations.
        contents = [page.serializable_data() for _entry, page in prepared]
        page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        insert_rows(Page, [{f.attname: getattr(p, f.attname) for f in page_fields} for _e, p in prepared])
        ids = dict(Page.objects.filter(path__in=[p.path for _e, p in prepared]).values_list("path", "pk"))
        body_field = NewsItemPage._meta.get_field("body")
        rows, topic_links, region_links = [], [], []
        for _entry, page in prepared:
            page.pk = page.id = page.page_ptr_id = ids[page.path]
            rows.append(
                {
                    "page_ptr_id": page.pk,
                    "date": page.date,
                    "lede": page.lede,
                    "body": body_field.to_python(page.body.raw_data),
                    "bulletin_number": page.bulletin_number,
                }
            )
            topic_links += [{"newsitempage_id": page.pk, "topic_id": t.pk} for t in page.topics.all()]
            region_links += [{"newsitempage_id": page.pk, "region_id": r.pk} for r in page.regions.all()]
        insert_rows(NewsItemPage, rows)
        insert_rows(NewsItemPage.topics.through, topic_links)
        insert_rows(NewsItemPage.regions.through, region_links)

        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=content_type,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    created_at=now,
                    user=self.options.user,
                    object_str=page.title,
                    content={**content, "pk": page.pk},
                )
                for (_entry, page), content in zip(prepared, contents, strict=True)
            ]
        )
        links = []
        for (_entry, page), revision in zip(prepared, revisions, strict=True):
            page.latest_revision_id = revision.pk
            page.live_revision_id = revision.pk if page.live else None
            links.append((page.latest_revision_id, page.live_revision_id, page.pk))
        # One prepared statement for the batch; bulk_update's CASE expressions cost more than the rows.
        table = connection.ops.quote_name(Page._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",  # noqa: S608
                links,
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(prepared))

        ImportedItem.objects.bulk_create(
            [ImportedItem(**self.item_fields(entry, page.pk)) for entry, page in prepared]
        )
        paths = {path: page.pk for entry, page in prepared for path in self.old_paths(entry, page)}
        existing = set(
            Redirect.objects.filter(old_path__in=paths, site=self.site).values_list("old_path", flat=True)
        )
        Redirect.objects.bulk_create(
            [
                Redirect(old_path=path, site=self.site, redirect_page_id=page_id, is_permanent=True)
                for path, page_id in paths.items()
                if path not in existing
            ]
        )
        self.index_for_search([page for _e, page in prepared if page.live])
        transaction.on_commit(invalidate_news_listings)
        transaction.on_commit(routing.start_new_generation)

    def index_for_search(self, pages):
        """Site search now, in bulk; Wagtail's admin search from a background task, as publishing does."""
        if not pages:
            return
        if not NewsIndexPage.objects.get(pk=self.news_index.pk).get_view_restrictions().exists():
            language = self.home.locale.language_code
            kind = search.indexed_models()[NewsItemPage]
            search.SearchEntry.objects.bulk_create([search.build_entry(p, kind, language) for p in pages])
        page_ids = [page.pk for page in pages]
        transaction.on_commit(lambda: add_to_admin_search.enqueue(page_ids))
