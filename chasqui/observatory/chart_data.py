"""The counts behind the charts and the timeline, each one GROUP BY query whatever the archive holds.

Months come from the public date (the first of the month for a sensitive incident), never from
the real one, so no count can place a sensitive incident closer than its month.
"""

import datetime

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth
from django.utils import translation

REGION_LIMIT = 10


def add_months(month, count):
    """The first day of the month `count` months after (or before) `month`."""
    year, index = divmod(month.year * 12 + month.month - 1 + count, 12)
    return datetime.date(year, index + 1, 1)


def months_between(first, last):
    """Every month's first day from `first` to `last`, both included."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def window(first, last, year=None, limit=24):
    """The months a chart shows: a filtered year's twelve, or else those from the month of `first`
    to the month of `last` (the oldest and newest with data), at most the newest `limit` of them."""
    if year:
        return months_between(datetime.date(year, 1, 1), datetime.date(year, 12, 1))
    if last is None:
        return []
    last = last.replace(day=1)
    return months_between(max(first.replace(day=1), add_months(last, 1 - limit)), last)


def chart_months(queryset, year=None, limit=24):
    """`window` for the incidents `queryset` holds: one query, none for a year."""
    if year:
        return window(None, None, year)
    span = queryset.order_by().aggregate(first=Min("public_date"), last=Max("public_date"))
    return window(span["first"], span["last"], limit=limit)


def per_month(queryset):
    """{first day of month: incidents} for every month that has any."""
    rows = (
        queryset.order_by()
        .annotate(month=TruncMonth("public_date"))
        .values("month")
        .annotate(incidents=Count("pk", distinct=True))
        .values_list("month", "incidents")
    )
    return dict(rows)


def type_name(row):
    if translation.get_language() == "es" and row["incident_type__name_es"]:
        return row["incident_type__name_es"]
    return row["incident_type__name"] or ""


def per_month_and_type(queryset, months):
    """[(month, type slug, type name, incidents)] within `months` (a list from chart_months)."""
    if not months:
        return []
    rows = (
        queryset.filter(public_date__gte=months[0], public_date__lt=add_months(months[-1], 1))
        .order_by()
        .annotate(month=TruncMonth("public_date"))
        .values("month", "incident_type__slug", "incident_type__name", "incident_type__name_es")
        .annotate(incidents=Count("pk", distinct=True))
    )
    return [
        (row["month"], row["incident_type__slug"] or "", type_name(row), row["incidents"]) for row in rows
    ]


def top_regions(queryset, limit=REGION_LIMIT):
    """[(region name, slug, incidents)] of the `limit` regions with most incidents, most first."""
    rows = (
        queryset.filter(region__isnull=False)
        .order_by()
        .values("region__name", "region__slug")
        .annotate(incidents=Count("pk", distinct=True))
        .order_by("-incidents", "region__name")
    )
    return [(row["region__name"], row["region__slug"], row["incidents"]) for row in rows[:limit]]
