"""The fast path for new news items: a batch of pages, revisions, records and redirects in bulk.

Rows are written with `chasqui.core.bulk`, which tells every page cache once the batch commits.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from chasqui.core import bulk
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.search import services as search

from .models import ImportedItem
from .tasks import add_to_admin_search


class BulkNewsWriter:
    """The part of an import that writes new news items in bulk; expects the importer's state."""

    def prepare(self, entry):
        """Build one new news item in memory; files and topics may be created here."""
        page = self.fill(NewsItemPage(owner=self.owner(entry)), entry)
        return entry, page

    def bulk_create_news(self, prepared):
        index = NewsIndexPage.objects.get(pk=self.news_index.pk)
        now = timezone.now()
        self.place_in_tree(index, prepared, now)
        # Serialised before the pages have ids, so no queries for their (empty) child relations.
        contents = [page.serializable_data() for _entry, page in prepared]
        self.insert_pages([page for _entry, page in prepared])
        self.add_revisions(prepared, contents, now)
        self.record_items_and_redirects(prepared)
        self.index_for_search([page for _e, page in prepared if page.live])
        bulk.finish(index, len(prepared))

    def place_in_tree(self, index, prepared, now):
        """Give each page a free slug, its tree path and the fields publishing would have set."""
        content_type = ContentType.objects.get_for_model(NewsItemPage)
        step = bulk.next_child_step(index)
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
            page.path = bulk.child_path(index, step + number)
            page.depth = index.depth + 1
            page.numchild = 0
            page.url_path = f"{index.url_path}{page.slug}/"
            page.live = not draft
            page.has_unpublished_changes = draft
            page.first_published_at = page.last_published_at = published
            page.latest_revision_created_at = now
            page.locale_id = index.locale_id
            page.translation_key = uuid.uuid4()

    @staticmethod
    def insert_pages(pages):
        """Page rows, then the news item rows and classification links; sets each page's id."""
        page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        bulk.insert_rows(Page, [{f.attname: getattr(page, f.attname) for f in page_fields} for page in pages])
        ids = bulk.page_ids_by_path([page.path for page in pages])
        body_field = NewsItemPage._meta.get_field("body")
        rows, topic_links, region_links = [], [], []
        for page in pages:
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
        bulk.insert_rows(NewsItemPage, rows)
        bulk.insert_rows(NewsItemPage.topics.through, topic_links)
        bulk.insert_rows(NewsItemPage.regions.through, region_links)

    def add_revisions(self, prepared, contents, now):
        """One revision a page, published where the page is live, as the editor's path leaves it."""
        content_type = ContentType.objects.get_for_model(NewsItemPage)
        page_type = ContentType.objects.get_for_model(Page)
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
        bulk.link_revisions(links)

    def record_items_and_redirects(self, prepared):
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
