"""One page of search results, and the links that page offers, each at its one canonical URL."""

import datetime
import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from .query import ParsedQuery
from .types import search_types, type_of_kind

# The order of parameters in every link, so one combination of filters has one URL.
PARAMETERS = ("q", "type", "topic", "region", "year", "page")


@dataclass
class SearchResult:
    """One result; its lead image attributes are those `{% lead_picture %}` reads from a page."""

    kind: str
    kind_label: str
    title: str
    snippet: str
    date: datetime.date
    shown_date: str  # "day", "month" or "" (see `chasqui.core.search_types`)
    url: str | None
    lead_image_id: int | None = None
    lead_image_alt: str = ""
    lead_image: object = None


@dataclass
class SearchResults:
    query: ParsedQuery
    kind: str | None
    counts: dict[str, int] = field(default_factory=dict)
    results: list[SearchResult] = field(default_factory=list)
    page_number: int = 1
    per_page: int = 10
    count: int = 0
    params: dict[str, str] = field(default_factory=dict)

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
        options += [(each.kind, each.filter_label, self.counts.get(each.kind, 0)) for each in search_types()]
        return [
            {"value": value, "label": label, "count": count, "selected": value == (self.kind or "")}
            for value, label, count in options
        ]

    @property
    def kind_label(self):
        """The selected type's name, as the type filter gives it."""
        search_type = type_of_kind(self.kind) if self.kind else None
        return search_type.filter_label if search_type else ""

    @property
    def start_index(self):
        return (self.page_number - 1) * self.per_page + 1 if self.count else 0

    @property
    def end_index(self):
        return min(self.count, self.page_number * self.per_page)

    def link(self, **changes) -> str:
        """A query string for these results with some parameters changed (None drops one)."""
        params = {**self.params, "page": str(self.page_number) if self.page_number > 1 else None, **changes}
        pairs = [(name, str(params[name])) for name in PARAMETERS if params.get(name) not in (None, "")]
        pairs = [(name, value) for name, value in pairs if (name, value) != ("page", "1")]
        return "?" + urlencode(pairs)

    @property
    def canonical_link(self):
        return self.link()

    @property
    def previous_link(self):
        return self.link(page=str(self.page_number - 1))

    @property
    def next_link(self):
        return self.link(page=str(self.page_number + 1))

    @property
    def all_types_link(self):
        return self.link(type=None, page=None)

    @property
    def narrowed(self):
        """Whether a topic, region or year narrows the results."""
        return any(self.params.get(name) for name in ("topic", "region", "year"))

    @property
    def unfiltered_link(self):
        return self.link(topic=None, region=None, year=None, page=None)
