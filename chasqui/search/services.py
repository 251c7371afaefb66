"""Keeping the search index in step with published pages, and searching it.

`rebuild_index()` refills the index in bulk, for imports and generated
archives; the signal handlers keep it current as editors publish.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from .choices import ResultKind
from .engines import Row, get_engine
from .models import SearchEntry, entry_key
from .query import ParsedQuery, clean_text, highlighted, parse_query
from .schema import bulk_loading
from .text import searchable_text

INDEXED_PAGE_TYPES = {
    "news.NewsItemPage": ResultKind.NEWS,
    "pages.StandardPage": ResultKind.PAGE,
    "publications.PublicationPage": ResultKind.PUBLICATION,
}
BATCH_SIZE = 500


def indexed_models():
    return {apps.get_model(label): kind for label, kind in INDEXED_PAGE_TYPES.items()}


def entry_date(page) -> datetime.date:
    editorial = getattr(page, "date", None)
    if isinstance(editorial, datetime.date):
        return editorial
    published = page.first_published_at or page.last_published_at or timezone.now()
    return timezone.localdate(published)


def build_entry(page, kind, language) -> SearchEntry:
    date = entry_date(page)
    return SearchEntry(
        id=entry_key(date, page.pk),
        page_id=page.pk,
        language=language,
        kind=kind,
        title=clean_text(page.title)[:255],
        body=searchable_text(page),
        date=date,
    )


def is_public(page) -> bool:
    """Live, not an alias (its original is indexed), and not in a private section."""
    return page.live and page.alias_of_id is None and not page.get_view_restrictions().exists()


@transaction.atomic
def index_page(page) -> SearchEntry | None:
    """Add or refresh one page's entry; drop it if the page is no longer live and public."""
    page = page.specific
    kind = indexed_models().get(type(page))
    SearchEntry.objects.filter(page_id=page.pk).delete()
    if kind is None or not is_public(page):
        return None
    entry = build_entry(page, kind, page.locale.language_code)
    entry.save(force_insert=True)
    return entry


def remove_page(page_id: int) -> None:
    SearchEntry.objects.filter(page_id=page_id).delete()


@transaction.atomic
def refresh_subtree(page_id: int) -> int:
    """Re-index a page and everything under it, after a move or a change of privacy."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    SearchEntry.objects.filter(page__path__startswith=page.path).delete()
    return _index_pages(path_prefix=page.path)


def _index_pages(path_prefix="") -> int:
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    written = 0
    for model, kind in indexed_models().items():
        related = [f.field_name for f in model.get_search_fields() if isinstance(f, index.RelatedFields)]
        queryset = (
            model.objects.filter(path__startswith=path_prefix, alias_of__isnull=True)
            .live()
            .public()
            .prefetch_related(*related)
            .order_by("pk")
        )
        batch = []
        for page in queryset.iterator(chunk_size=BATCH_SIZE):
            batch.append(build_entry(page, kind, languages[page.locale_id]))
            if len(batch) >= BATCH_SIZE:
                written += len(SearchEntry.objects.bulk_create(batch))
                batch = []
        written += len(SearchEntry.objects.bulk_create(batch))
    return written


@transaction.atomic
def rebuild_index() -> int:
    """Empty the index and refill it from every live, public page; returns the number of entries."""
    with bulk_loading():
        SearchEntry.objects.all().delete()
        return _index_pages()


@dataclass
class SearchResult:
    kind: str
    title: str
    snippet: str
    date: datetime.date
    url: str | None

    @property
    def kind_label(self):
        return ResultKind(self.kind).label


@dataclass
class SearchResults:
    query: ParsedQuery
    kind: str | None
    counts: dict[str, int] = field(default_factory=dict)
    results: list[SearchResult] = field(default_factory=list)
    page_number: int = 1
    per_page: int = 10
    count: int = 0

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages

    @property
    def filters(self):
        """The type filter's options, each with its number of matches."""
        options = [("", _("Everything"), sum(self.counts.values()))]
        options += [(value, label, self.counts.get(value, 0)) for value, label in ResultKind.choices]
        return [
            {"value": value, "label": label, "count": count, "selected": value == (self.kind or "")}
            for value, label, count in options
        ]

    @property
    def kind_label(self):
        return ResultKind(self.kind).label if self.kind else ""

    @property
    def start_index(self):
        return (self.page_number - 1) * self.per_page + 1 if self.count else 0

    @property
    def end_index(self):
        return min(self.count, self.page_number * self.per_page)


def page_url(url_path, root_paths, current_site_id=None):
    """A page's URL from its tree path, as Page.get_url() gives it, without loading the page."""
    candidates = [root for root in root_paths if url_path.startswith(root.root_path)]
    if not candidates:
        return None
    root = next((c for c in candidates if c.site_id == current_site_id), candidates[0])
    try:
        with translation.override(root.language_code):
            path = reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
    except NoReverseMatch:
        return None
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    several_sites = len({each.site_id for each in root_paths}) > 1
    return root.root_url + path if several_sites and root.site_id != current_site_id else path


def _result(row: Row, root_paths, current_site_id) -> SearchResult:
    return SearchResult(
        kind=row.kind,
        title=highlighted(row.title),
        snippet=highlighted(row.snippet),
        date=row.date,
        url=page_url(row.url_path, root_paths, current_site_id),
    )


def search(raw_query, *, language, kind=None, page_number=1, per_page=None, request=None) -> SearchResults:
    """One page of results in one language: a fixed number of SQL queries, whatever the archive's size."""
    per_page = per_page or getattr(settings, "CHASQUI_SEARCH_PER_PAGE", 10)
    kind = kind if kind in ResultKind.values else None
    query = parse_query(raw_query)
    results = SearchResults(query=query, kind=kind, per_page=per_page)
    if not query:
        return results
    engine = get_engine()
    with engine.session():
        counts = engine.counts(query, language, kind)
        results.counts = counts.by_kind
        results.count = counts.total(kind)
        results.page_number = min(max(1, page_number), results.num_pages)
        offset = (results.page_number - 1) * per_page
        rows = engine.rows(query, language, kind, offset, per_page, counts) if results.count else []
    if rows:
        site = Site.find_for_request(request) if request is not None else None
        root_paths = Site.get_site_root_paths()
        results.results = [_result(row, root_paths, site and site.pk) for row in rows]
    return results
