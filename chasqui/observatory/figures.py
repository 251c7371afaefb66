"""Figures of a filtered list: incidents, killed, injured and detained per year, and per type.

Two grouped queries whatever the number of incidents. Years come from the public date, and
unknown counts add nothing (a year's "killed" is the sum of the known figures).
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils import translation

BAR_WIDTH = 28
CHART_HEIGHT = 160


@dataclass(frozen=True)
class YearFigures:
    year: int
    incidents: int
    killed: int
    injured: int
    detained: int
    x: int = 0
    height: int = 0


def yearly(queryset):
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("public_date"))
        .values("year")
        .annotate(
            incidents=Count("pk", distinct=True),
            killed=Sum("killed"),
            injured=Sum("injured"),
            detained=Sum("detained"),
        )
        .order_by("year")
    )
    years = [
        YearFigures(
            row["year"], row["incidents"], row["killed"] or 0, row["injured"] or 0, row["detained"] or 0
        )
        for row in rows
    ]
    most = max((figure.incidents for figure in years), default=0)
    return [
        YearFigures(
            **{
                **figure.__dict__,
                "x": 30 + position * (BAR_WIDTH + 6),
                "height": round(CHART_HEIGHT * figure.incidents / most) if most else 0,
            }
        )
        for position, figure in enumerate(years)
    ]


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


def figures(queryset):
    years = yearly(queryset)
    return {
        "years": years,
        "types": by_type(queryset),
        "chart_width": 40 + len(years) * (BAR_WIDTH + 6),
        "chart_height": CHART_HEIGHT + 40,
        "baseline": CHART_HEIGHT + 10,
        "bar_width": BAR_WIDTH,
    }
