"""Topics and regions as search filters: tokens in the index, options in the search form.

An entry lists its page's topics and regions as tokens of their primary keys
("t3 r12"), so renaming one or changing its slug needs no re-indexing; the form
shows slugs, which make readable, stable filter URLs. The models are named by
label, like the indexed page types: search reads them without importing news. A page type may
file its pages under a facet through a relation of another name (an incident's one `region`).
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
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


def _relations(model, search_type):
    """(facet, field) for each facet the page model is filed under."""
    relations = []
    for facet in FACETS:
        attribute = search_type.facet_attributes.get(facet.name, facet.attribute)
        try:
            field = model._meta.get_field(attribute)
        except FieldDoesNotExist:
            continue
        if not field.auto_created and (field.many_to_many or field.many_to_one):  # not a reverse relation
            relations.append((facet, field))
    return relations


def related_attributes(model, search_type) -> list[str]:
    """The many-to-many facet relations a page model has, to prefetch when indexing many pages."""
    return [field.name for _facet, field in _relations(model, search_type) if field.many_to_many]


def page_facets(page, search_type) -> str:
    """The page's facet tokens, for the index entry: from a many-to-many or a foreign key."""
    tokens = []
    for facet, field in _relations(type(page), search_type):
        if field.many_to_one:
            pks = [pk] if (pk := getattr(page, field.attname)) else []
        else:
            pks = sorted(item.pk for item in getattr(page, field.name).all())
        tokens += [facet.token(pk) for pk in pks]
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
