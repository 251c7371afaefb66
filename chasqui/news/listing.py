"""Archive filtering and keyset pagination for news listings.

Numbered pages are served by seeking to a cached (date, pk) anchor instead of OFFSET, and the total
comes from the same cache instead of COUNT(*): page 500 of a 100,000-item archive costs what page 1
costs. Stale anchors only shift page boundaries slightly, so a short timeout is a safe backstop when
the cache is per process.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from math import ceil

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage
from django.db.models import Exists, OuterRef

from chasqui.core.cache_generation import CacheGeneration

from .items import NewsItemPage, Region, Topic

LISTING_GENERATION = CacheGeneration("news:listing-generation")
ANCHOR_TIMEOUT = 300
PAGES_PER_CHUNK = 200


def invalidate_news_listings(**kwargs):
    """Start a new cache generation, so every listing recomputes its anchors on next use."""
    LISTING_GENERATION.start_new()


def news_per_page():
    return max(1, int(getattr(settings, "CHASQUI_NEWS_PER_PAGE", 20)))


@dataclass(frozen=True)
class NewsFilters:
    topic: Topic | None = None
    region: Region | None = None
    year: int | None = None
    month: int | None = None

    def __bool__(self):
        return any((self.topic, self.region, self.year))

    def apply(self, queryset, walk_dates=True, anchor=None):
        """Filter `queryset`, starting at `anchor` (date, pk) when given.

        With `walk_dates` topic and region become EXISTS probes and the dates get a single upper
        bound (a no-op one if need be), which steers SQLite and PostgreSQL down the (date, pk)
        index so the query stops after one page. Without it they are joins, cheaper when a
        filter matches few items. Only one upper bound is ever given: SQLite uses just one of
        several, and the wrong one makes it walk the whole archive.
        """
        for relation, link_field, value in (
            ("topics", "topic_id", self.topic),
            ("regions", "region_id", self.region),
        ):
            if value is None:
                continue
            if walk_dates:
                links = getattr(NewsItemPage, relation).through.objects.filter(
                    newsitempage_id=OuterRef("pk"), **{link_field: value.pk}
                )
                queryset = queryset.filter(Exists(links))
            else:
                queryset = queryset.filter(**{relation: value})
        upper = None
        if self.year is not None:
            if self.month is not None:
                last_day = calendar.monthrange(self.year, self.month)[1]
                start, upper = date(self.year, self.month, 1), date(self.year, self.month, last_day)
            else:
                start, upper = date(self.year, 1, 1), date(self.year, 12, 31)
            queryset = queryset.filter(date__gte=start)
        if anchor is not None:
            anchor_date, anchor_pk = anchor
            upper = anchor_date if upper is None else min(upper, anchor_date)
            queryset = queryset.exclude(date=anchor_date, pk__gt=anchor_pk)
        if upper is None and walk_dates:
            upper = date.max
        if upper is not None:
            queryset = queryset.filter(date__lte=upper)
        return queryset

    def cache_fragment(self):
        return "t{}-r{}-y{}-m{}".format(
            self.topic.pk if self.topic else "",
            self.region.pk if self.region else "",
            self.year or "",
            self.month or "",
        )

    def query_params(self):
        """GET parameters that reproduce these filters on the index's own URL."""
        params = {}
        if self.topic:
            params["topic"] = self.topic.slug
        if self.region:
            params["region"] = self.region.slug
        if self.year:
            params["year"] = self.year
            if self.month:
                params["month"] = self.month
        return params


def archive_queryset(index, filters=None):
    """Published items under `index` (so in its locale), newest first."""
    queryset = NewsItemPage.objects.child_of(index).published().newest_first()
    if filters:
        queryset = filters.apply(queryset)
    return queryset


def archive_years(index):
    """The years, newest first, that have live news under `index`: what the year filter offers.

    One DISTINCT query, kept until the next publish, unpublish, move or bulk change.
    """
    key = f"news:years:{LISTING_GENERATION.current()}:{index.pk}"
    years = cache.get(key)
    if years is None:
        years = [day.year for day in archive_queryset(index).dates("date", "year", order="DESC")]
        cache.set(key, years, ANCHOR_TIMEOUT)
    return years


@dataclass
class ArchiveSummary:
    count: int
    per_page: int
    newest: date | None = None
    oldest: date | None = None
    anchors: dict = field(default_factory=dict)

    @property
    def num_pages(self):
        return max(1, ceil(self.count / self.per_page))


@dataclass
class ArchivePage:
    number: int
    items: list
    summary: ArchiveSummary
    whole: ArchiveSummary

    @property
    def num_pages(self):
        return self.summary.num_pages

    @property
    def count(self):
        return self.summary.count

    def has_next(self):
        return self.number < self.num_pages

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.num_pages > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


class NewsArchive:
    """Numbered pages of an index's items, seeking from cached (date, pk) anchors."""

    def __init__(self, index, per_page=None, prepare=None):
        self.index = index
        self.per_page = per_page or news_per_page()
        self.prepare = prepare or (lambda queryset: queryset)
        self.base = archive_queryset(index)

    def _base_key(self, generation, filters):
        return f"news:archive:{generation}:{self.index.pk}:{filters.cache_fragment()}:{self.per_page}"

    def _compute(self, filters, base_key):
        rows = list(filters.apply(self.base, walk_dates=False).values_list("date", "pk"))
        anchors = rows[:: self.per_page]
        summary = ArchiveSummary(
            count=len(rows),
            per_page=self.per_page,
            newest=rows[0][0] if rows else None,
            oldest=rows[-1][0] if rows else None,
            anchors=dict(enumerate(anchors, start=1)),
        )
        values = {f"{base_key}:meta": (summary.count, summary.newest, summary.oldest)}
        for start in range(0, len(anchors), PAGES_PER_CHUNK):
            values[f"{base_key}:chunk:{start // PAGES_PER_CHUNK}"] = anchors[start : start + PAGES_PER_CHUNK]
        cache.set_many(values, ANCHOR_TIMEOUT)
        return summary

    def summaries(self, filters=None, number=1):
        """(whole archive, filtered archive) summaries; the filtered one carries page `number`'s anchor.

        One cache round trip when warm; recomputed from the database when anything is missing.
        """
        filters = filters or NewsFilters()
        generation = LISTING_GENERATION.current()
        all_key = self._base_key(generation, NewsFilters())
        filtered_key = self._base_key(generation, filters)
        chunk_key = f"{filtered_key}:chunk:{(number - 1) // PAGES_PER_CHUNK}"
        found = cache.get_many([f"{all_key}:meta", f"{filtered_key}:meta", chunk_key])

        def summary_for(filters, base_key):
            meta = found.get(f"{base_key}:meta")
            if meta is None:
                return self._compute(filters, base_key)
            count, newest, oldest = meta
            return ArchiveSummary(count=count, per_page=self.per_page, newest=newest, oldest=oldest)

        whole = summary_for(NewsFilters(), all_key)
        filtered = summary_for(filters, filtered_key) if filters else whole
        if number > 1 and number not in filtered.anchors and number <= filtered.num_pages:
            chunk = found.get(chunk_key)
            if chunk is None:
                filtered = self._compute(filters, filtered_key)
            else:
                position = (number - 1) % PAGES_PER_CHUNK
                if position < len(chunk):
                    filtered.anchors[number] = chunk[position]
        return whole, filtered

    def page(self, number, filters=None):
        """Raise InvalidPage for numbers that are not integers or lie outside the archive."""
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise InvalidPage("not a number") from error
        if number < 1:
            raise InvalidPage("below one")
        filters = filters or NewsFilters()
        whole, filtered = self.summaries(filters, number)
        if number > filtered.num_pages:
            raise InvalidPage("past the end")
        selective = (filters.topic or filters.region) and (filtered.count**2 < self.per_page * whole.count)
        anchor = filtered.anchors.get(number) if number > 1 else None
        queryset = self.prepare(filters.apply(self.base, walk_dates=not selective, anchor=anchor))
        items = list(queryset[: self.per_page])
        if not items and number > 1:
            raise InvalidPage("past the end")
        return ArchivePage(number=number, items=items, summary=filtered, whole=whole)
