"""Topics and regions as search filters: tokens in the index, options in the search form.

An entry lists its page's topics and regions as tokens of their primary keys
("t3 r12"), so renaming one or changing its slug needs no re-indexing; the form
shows slugs, which make readable, stable filter URLs. The models are named by
label, like the indexed page types: search reads them without importing news.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .models import PAGE_ID_SPAN, SearchEntry


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter
    label: str
    any_label: str
    model: str
    attribute: str  # the page's relation to the model
    prefix: str

    def token(self, pk) -> str:
        return f"{self.prefix}{pk}"


FACETS = (
    Facet("topic", _("Topic"), _("Any topic"), "news.Topic", "topics", "t"),
    Facet("region", _("Region"), _("Any region"), "news.Region", "regions", "r"),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    token: str


def related_attributes(model) -> list[str]:
    """The facet relations a page model has, to prefetch when indexing many pages."""
    return [facet.attribute for facet in FACETS if hasattr(model, facet.attribute)]


def page_facets(page) -> str:
    """The page's facet tokens, for the index entry."""
    tokens = []
    for facet in FACETS:
        related = getattr(page, facet.attribute, None)
        if related is not None:
            tokens += [facet.token(pk) for pk in sorted(item.pk for item in related.all())]
    return " ".join(tokens)


def facet_options(facet: Facet) -> list[Option]:
    """Every topic (or region) by slug, named in the current language."""
    model = apps.get_model(facet.model)
    return [Option(item.slug, item.display_name, facet.token(item.pk)) for item in model.objects.all()]


def year_options() -> list[int]:
    """The years the index spans, newest first."""
    keys = SearchEntry.objects.values_list("id", flat=True)  # keys sort by date
    first, last = keys.order_by("id").first(), keys.order_by("-id").first()  # one index look-up each
    if first is None:
        return []
    first, last = (datetime.date.fromordinal(key // PAGE_ID_SPAN).year for key in (first, last))
    return list(range(last, first - 1, -1))
