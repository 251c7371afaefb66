"""Figures of a filtered list: incidents, killed, injured and detained per year, per type, per
month and type, and per region, with the charts drawn from them.

A handful of grouped queries whatever the number of incidents. Years and months come from the
public date, and unknown counts add nothing (a year's "killed" is the sum of the known figures;
how many incidents left it unknown is counted beside it).
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import translation
from django.utils.http import urlencode

from . import chart_data, charts

BAR_WIDTH = 28
CHART_HEIGHT = 160


@dataclass(frozen=True)
class YearFigures:
    year: int
    incidents: int
    killed: int
    injured: int
    detained: int
    killed_unknown: int = 0
    injured_unknown: int = 0
    x: int = 0
    height: int = 0


def once_each(queryset):
    """The same incidents without the joins a filter made: a sum must not count an incident twice."""
    return queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))


def yearly(queryset):
    rows = (
        once_each(queryset)
        .annotate(year=ExtractYear("public_date"))
        .values("year")
        .annotate(
            incidents=Count("pk"),
            # Named apart from the fields, so the filters below read the fields, not the sums.
            killed_total=Sum("killed"),
            injured_total=Sum("injured"),
            detained_total=Sum("detained"),
            killed_unknown=Count("pk", filter=Q(killed__isnull=True)),
            injured_unknown=Count("pk", filter=Q(injured__isnull=True)),
        )
        .order_by("year")
    )
    years = [
        YearFigures(
            row["year"],
            row["incidents"],
            row["killed_total"] or 0,
            row["injured_total"] or 0,
            row["detained_total"] or 0,
            row["killed_unknown"],
            row["injured_unknown"],
        )
        for row in rows
    ]
    most = max((figure.incidents for figure in years), default=0)
    step = year_step(len(years))
    return [
        YearFigures(
            **{
                **figure.__dict__,
                "x": 30 + position * step + (step - BAR_WIDTH - 6) // 2,
                "height": round(CHART_HEIGHT * figure.incidents / most) if most else 0,
            }
        )
        for position, figure in enumerate(years)
    ]


def year_step(count):
    """Each year's share of the chart: its bars spread across charts.CHART_WIDTH, as the other charts'."""
    return max(BAR_WIDTH + 6, (charts.CHART_WIDTH - 40) // max(count, 1))


def by_type(queryset):
    rows = (
        queryset.order_by()
        .values("incident_type__name", "incident_type__name_es", "incident_type__slug")
        .annotate(incidents=Count("pk", distinct=True))
        .order_by("-incidents", "incident_type__name")
    )
    spanish = translation.get_language() == "es"
    return [
        {
            "name": (row["incident_type__name_es"] if spanish else "") or row["incident_type__name"] or "",
            "slug": row["incident_type__slug"] or "",
            "incidents": row["incidents"],
        }
        for row in rows
    ]


def figures(queryset, filters=None, index_url=""):
    """Everything the figures page shows for the incidents `queryset` holds (already filtered)."""
    years = yearly(queryset)
    months = chart_data.chart_months(queryset, year=getattr(filters, "year", None))

    def region_url(slug):
        params = filters.query_params(region=slug) if filters is not None else {"region": slug}
        return f"{index_url}?{urlencode(params)}"

    return {
        "years": years,
        "types": by_type(queryset),
        "months_chart": charts.stacked_months(chart_data.per_month_and_type(queryset, months), months),
        "casualties_chart": charts.grouped_years(years),
        "regions_chart": charts.region_bars(chart_data.top_regions(queryset), region_url),
        "chart_width": 40 + len(years) * year_step(len(years)),
        "chart_height": CHART_HEIGHT + 40,
        "baseline": CHART_HEIGHT + 10,
        "bar_width": BAR_WIDTH,
    }
