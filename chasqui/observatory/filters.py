"""The incident filters, one set shared by the HTML index, the map and every export.

They are parsed from GET parameters, so the form works without JavaScript and any filtered list
has an address that its CSV, GeoJSON and JSON versions repeat.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from chasqui.news.models import Region

from . import data_cache
from .choices import Verification
from .models.actors import ActorPage
from .models.cases import CasePage
from .models.incidents import IncidentPage
from .models.types import IncidentType

FIRST_YEAR = 1980
FILTER_FIELDS = ("region", "type", "actor", "case", "year", "month", "verification", "deaths")


@dataclass(frozen=True)
class IncidentFilters:
    region: Region | None = None
    incident_type: IncidentType | None = None
    actor: ActorPage | None = None
    case: CasePage | None = None
    year: int | None = None
    month: int | None = None
    verification: str = ""
    deaths: bool = False

    def __bool__(self):
        return any(getattr(self, name) for name in self.__dataclass_fields__)

    def apply(self, queryset, skip=()):
        """Filter `queryset` on public values only (the public date, never the real one)."""
        lookups = {
            "region": {"region": self.region},
            "incident_type": {"incident_type": self.incident_type},
            "actor": {"actor_links__actor__translation_key": getattr(self.actor, "translation_key", None)},
            "case": {"case__translation_key": getattr(self.case, "translation_key", None)},
            "verification": {"verification": self.verification},
        }
        for name, lookup in lookups.items():
            if getattr(self, name) and name not in skip:
                queryset = queryset.filter(**lookup)
        if self.actor and "actor" not in skip:
            queryset = queryset.distinct()
        if self.deaths:
            queryset = queryset.filter(killed__gt=0)
        if self.year:
            start, end = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
            if self.month:
                start = datetime.date(self.year, self.month, 1)
                end = (start + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
            queryset = queryset.filter(public_date__gte=start, public_date__lte=end)
        return queryset

    def query_params(self, **changes):
        """GET parameters that reproduce these filters (with `changes` applied)."""
        values = {
            "region": self.region.slug if self.region else "",
            "type": self.incident_type.slug if self.incident_type else "",
            "actor": self.actor.slug if self.actor else "",
            "case": self.case.slug if self.case else "",
            "year": self.year or "",
            "month": self.month if self.year and self.month else "",
            "verification": self.verification,
            "deaths": "1" if self.deaths else "",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


def slug_choices(objects, label):
    return [("", _("Any"))] + [(item.slug, label(item)) for item in objects]


def titled_choices(rows):
    return [("", _("Any")), *((slug, title) for slug, title, _pk in rows)]


class IncidentFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    actor = forms.ChoiceField(label=_("Actor"), required=False)
    case = forms.ChoiceField(label=_("Case"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(label=_("Month"), required=False, coerce=int, empty_value=None)
    verification = forms.ChoiceField(
        label=_("Verification"), required=False, choices=[("", _("Any")), *Verification.choices]
    )
    deaths = forms.BooleanField(label=_("Only incidents with deaths"), required=False)

    def __init__(self, data, index, years):
        super().__init__(data)
        choices = filter_choices(index)
        self.regions = {region.slug: region for region in choices["regions"]}
        self.types = {kind.slug: kind for kind in choices["types"]}
        self.actor_ids = {slug: pk for slug, _title, pk in choices["actors"]}
        self.case_ids = {slug: pk for slug, _title, pk in choices["cases"]}
        self.fields["region"].choices = slug_choices(self.regions.values(), str)
        self.fields["type"].choices = slug_choices(self.types.values(), lambda kind: kind.display_name)
        self.fields["actor"].choices = titled_choices(choices["actors"])
        self.fields["case"].choices = titled_choices(choices["cases"])
        self.fields["year"].choices = [("", _("Any"))] + [(year, str(year)) for year in years]
        self.fields["month"].choices = [("", _("Any")), *MONTHS.items()]

    def shown_values(self):
        """The values the fields show: with the choices, all the drawn form depends on. Of a form
        that could be used, each is one of its choices (or a checkbox's yes or no), so a made-up
        query string adds no more of them."""
        return tuple((name, self[name].value()) for name in FILTER_FIELDS)

    def filters(self):
        """The filters asked for; an invalid form filters nothing."""
        if not self.is_valid():
            return IncidentFilters()
        data = self.cleaned_data
        return IncidentFilters(
            region=self.regions.get(data["region"]),
            incident_type=self.types.get(data["type"]),
            actor=chosen(ActorPage, self.actor_ids.get(data["actor"])),
            case=chosen(CasePage, self.case_ids.get(data["case"])),
            year=data["year"],
            month=data["month"] if data["year"] else None,
            verification=data["verification"],
            deaths=data["deaths"],
        )


def chosen(page_model, pk):
    """The live actor or case chosen in the filters (one query, only when one is chosen)."""
    return page_model.objects.live().filter(pk=pk).first() if pk else None


def filter_choices(index):
    """The regions and types (model instances, small), and (slug, title, pk) of the index's live
    actors and cases, that the filters offer. Kept for the generation: reading every actor and
    case page to list them costs far more than the list itself."""

    def compute():
        actors = ActorPage.objects.child_of(index).live().order_by("title")
        cases = CasePage.objects.child_of(index).live().order_by("title")
        return {
            "regions": list(Region.objects.all()),
            "types": list(IncidentType.objects.all()),
            "actors": list(actors.values_list("slug", "title", "pk")),
            "cases": list(cases.values_list("slug", "title", "pk")),
        }

    return data_cache.cached("filter-choices", (index.pk,), compute, language=False)


def incident_years(index):
    """Years that have live incidents under `index`, newest first: what the year filter offers.

    The index, the map and the figures all show the form, and the DISTINCT reads every incident
    (on SQLite through a Python function a row), so it is kept until the next change of an
    incident (data_cache, signals.py), as the news archive keeps its own.
    """

    def compute():
        dates = IncidentPage.objects.child_of(index).published().dates("public_date", "year", order="DESC")
        return [day.year for day in dates if day.year >= FIRST_YEAR]

    return data_cache.cached("years", (index.pk,), compute, language=False)
