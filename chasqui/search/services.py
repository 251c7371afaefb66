"""Keeping the search index in step with published pages, and searching it.

`rebuild_index()` refills the index in bulk, for imports and generated
archives; the signal handlers keep it current as editors publish.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from .choices import ResultKind
from .engines import Row, Scope, get_engine
from .facets import page_facets, related_attributes
from .models import SearchEntry, entry_key
from .query import clean_text, highlighted, parse_query
from .results import SearchResult, SearchResults
from .schema import bulk_loading
from .snippets import Matcher, highlight_title, snippet
from .terms import index_terms
from .text import searchable_texts

__all__ = ["SearchEntry", "SearchResult", "SearchResults"]

INDEXED_PAGE_TYPES = {
    "news.NewsItemPage": ResultKind.NEWS,
    "pages.StandardPage": ResultKind.PAGE,
    "publications.PublicationPage": ResultKind.PUBLICATION,
}
# The field each type opens with: its matches rank just below title matches.
LEDE_FIELDS = {ResultKind.NEWS: "lede", ResultKind.PAGE: "intro", ResultKind.PUBLICATION: "summary_text"}
BATCH_SIZE = 500
# The preparation of index terms (see `terms`); rows written by an older one are rebuilt after `migrate`.
TERMS_SCHEME = 1


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
    title = clean_text(page.title)[:255]
    texts = searchable_texts(page)
    lede = texts.pop(LEDE_FIELDS.get(kind, ""), "")
    rest = "\n".join(texts.values())
    return SearchEntry(
        id=entry_key(date, page.pk),
        page_id=page.pk,
        language=language,
        kind=kind,
        title=title,
        body="\n".join(filter(None, [lede, rest])),
        date=date,
        title_terms=index_terms(title, language),
        lede_terms=index_terms(lede, language),
        body_terms=index_terms(rest, language),
        facets=page_facets(page),
        scheme=TERMS_SCHEME,
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
        related += related_attributes(model)
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


def _result(row: Row, matcher, root_paths, current_site_id) -> SearchResult:
    return SearchResult(
        kind=row.kind,
        title=highlighted(highlight_title(row.title, matcher)),
        snippet=highlighted(snippet(row.body, matcher)),
        date=row.date,
        url=page_url(row.url_path, root_paths, current_site_id),
    )


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
    kind = kind if kind in ResultKind.values else None
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
        site = Site.find_for_request(request) if request is not None else None
        root_paths = Site.get_site_root_paths()
        matcher = Matcher(terms, language)
        results.results = [_result(row, matcher, root_paths, site and site.pk) for row in rows]
    return results


def rebuild_outdated() -> int:
    """Rebuild the index if any entry was written by an older preparation of terms; 0 if none was."""
    if not SearchEntry.objects.exclude(scheme=TERMS_SCHEME).exists():
        return 0
    return rebuild_index()
