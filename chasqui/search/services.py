"""Keeping the search index in step with published pages, and searching it.

`rebuild_index()` refills the index in bulk, for imports and generated
archives; the signal handlers keep it current as editors publish.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from chasqui.images.pictures import images_by_id

from .engines import Row, Scope, get_engine
from .facets import page_facets, related_attributes
from .filter_lists import forget_filter_lists
from .models import SearchEntry, entry_key
from .query import clean_text, highlighted, parse_query
from .results import SearchResult, SearchResults
from .schema import bulk_loading
from .snippets import Matcher, highlight_title, snippet
from .terms import index_terms
from .text import searchable_texts
from .types import indexed_models, kinds, search_types

__all__ = ["SearchEntry", "SearchResult", "SearchResults", "indexed_models"]

BATCH_SIZE = 500
# What an entry holds and how its terms are prepared (see `terms`): 1 stemmed and folded words,
# 2 added the lead image and the types higher apps register. Rows written by an older scheme are
# rebuilt after `migrate`.
ENTRY_SCHEME = 2


def entry_date(page, search_type) -> datetime.date:
    if search_type.date is not None:
        return search_type.date(page)
    editorial = getattr(page, "date", None)
    if isinstance(editorial, datetime.date):
        return editorial
    published = page.first_published_at or page.last_published_at or timezone.now()
    return timezone.localdate(published)


def build_entry(page, search_type, language) -> SearchEntry:
    """`page`'s entry; its text comes only from the fields its model declares searchable."""
    date = entry_date(page, search_type)
    title = clean_text(page.title)[:255]
    texts = searchable_texts(page)
    lede = texts.pop(search_type.lede_field, "")
    rest = "\n".join(texts.values())
    image_id = getattr(page, "lead_image_id", None)
    return SearchEntry(
        id=entry_key(date, page.pk),
        page_id=page.pk,
        language=language,
        kind=search_type.kind,
        title=title,
        body="\n".join(filter(None, [lede, rest])),
        date=date,
        title_terms=index_terms(title, language),
        lede_terms=index_terms(lede, language),
        body_terms=index_terms(rest, language),
        facets=page_facets(page, search_type),
        scheme=ENTRY_SCHEME,
        lead_image_id=image_id,
        lead_image_alt=clean_text(page.lead_image_alt)[:255] if image_id else "",
    )


def is_public(page) -> bool:
    """Live, not an alias (its original is indexed), and not in a private section."""
    return page.live and page.alias_of_id is None and not page.get_view_restrictions().exists()


@transaction.atomic
def index_page(page) -> SearchEntry | None:
    """Add or refresh one page's entry; drop it if the page is no longer live and public."""
    page = page.specific
    search_type = indexed_models().get(type(page))
    SearchEntry.objects.filter(page_id=page.pk).delete()
    forget_filter_lists()
    if search_type is None or not is_public(page):
        return None
    entry = build_entry(page, search_type, page.locale.language_code)
    entry.save(force_insert=True)
    return entry


def remove_page(page_id: int) -> None:
    SearchEntry.objects.filter(page_id=page_id).delete()
    forget_filter_lists()


@transaction.atomic
def refresh_subtree(page_id: int) -> int:
    """Re-index a page and everything under it, after a move or a change of privacy."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    SearchEntry.objects.filter(page__path__startswith=page.path).delete()
    return _index_pages(path_prefix=page.path)


def _index_pages(path_prefix="") -> int:
    forget_filter_lists()
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    written = 0
    for model, search_type in indexed_models().items():
        related = [f.field_name for f in model.get_search_fields() if isinstance(f, index.RelatedFields)]
        related += related_attributes(model, search_type)
        queryset = (
            model.objects.filter(path__startswith=path_prefix, alias_of__isnull=True)
            .live()
            .public()
            .prefetch_related(*related)
            .order_by("pk")
        )
        batch = []
        for page in queryset.iterator(chunk_size=BATCH_SIZE):
            batch.append(build_entry(page, search_type, languages[page.locale_id]))
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


def _results(rows: list[Row], matcher, request) -> list[SearchResult]:
    """The rows as results, with their thumbnails: two queries for all the pictures on the page."""
    site = Site.find_for_request(request) if request is not None else None
    root_paths = Site.get_site_root_paths()
    types = {search_type.kind: search_type for search_type in search_types()}
    images = images_by_id([row.lead_image_id for row in rows], "thumb")
    return [
        SearchResult(
            kind=row.kind,
            kind_label=types[row.kind].label if row.kind in types else "",
            title=highlighted(highlight_title(row.title, matcher)),
            snippet=highlighted(snippet(row.body, matcher)),
            date=row.date,
            shown_date=types[row.kind].shown_date if row.kind in types else "",
            url=page_url(row.url_path, root_paths, site and site.pk),
            lead_image_id=row.lead_image_id if row.lead_image_id in images else None,
            lead_image_alt=row.lead_image_alt,
            lead_image=images.get(row.lead_image_id),
        )
        for row in rows
    ]


def search(
    raw_query,
    *,
    language,
    kind=None,
    facets=(),
    year=None,
    page_number=1,
    per_page=None,
    request=None,
    params=None,
) -> SearchResults:
    """One page of results in one language: a fixed number of SQL queries, whatever the archive's size.

    `facets` are index tokens of topics and regions (see `facets`), all required; `params` are
    the request's canonical parameters, which the results' links keep.
    """
    per_page = per_page or getattr(settings, "CHASQUI_SEARCH_PER_PAGE", 10)
    kind = kind if kind in kinds() else None
    query = parse_query(raw_query)
    results = SearchResults(query=query, kind=kind, per_page=per_page, params=dict(params or {}))
    terms = query.terms(language)
    if not terms:
        return results
    engine = get_engine()
    scope = Scope(language=language, facets=tuple(facets), year=year)
    with engine.session():
        counts = engine.counts(terms, scope, kind)
        results.counts = counts.by_kind
        results.count = counts.total(kind)
        results.page_number = min(max(1, page_number), results.num_pages)
        offset = (results.page_number - 1) * per_page
        rows = engine.rows(terms, scope, kind, offset, per_page, counts) if results.count else []
    if rows:
        results.results = _results(rows, Matcher(terms, language), request)
    return results


def rebuild_outdated() -> int:
    """Rebuild the index if any entry was written by an older scheme; 0 if none was."""
    if not SearchEntry.objects.exclude(scheme=ENTRY_SCHEME).exists():
        return 0
    return rebuild_index()
