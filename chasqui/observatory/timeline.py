"""The timeline: incidents grouped by month, newest first, under a strip of counts per month.

The strip and the month headings come from one grouped query; the list is a cursor page of the
index (listing.py), so any page of the timeline costs what the first costs.
"""

from dataclasses import dataclass
from itertools import groupby

from . import chart_data, charts

STRIP_MONTHS = 120  # ten years; older months are reached through the list and the year filter


@dataclass(frozen=True)
class MonthGroup:
    month: object  # the month's first day
    label: str
    count: int  # incidents in the whole month, not only on this page
    incidents: list


def strip_for(counts, year=None, chart_id="month-strip"):
    """The month strip for {month: incidents}: a filtered year's months, or the newest ten years."""
    months = chart_data.window(min(counts, default=None), max(counts, default=None), year, STRIP_MONTHS)
    return charts.month_strip(counts, months, chart_id) if months else None


def month_groups(incidents, counts):
    """The page's public records in runs of one month each, with each month's full count."""
    groups = []
    for month, records in groupby(incidents, key=lambda record: record.date.replace(day=1)):
        groups.append(MonthGroup(month, charts.month_label(month), counts.get(month, 0), list(records)))
    return groups


def timeline(queryset, incidents, year=None):
    """What the timeline page shows for the filtered `queryset` and the public records of its page."""
    counts = chart_data.per_month(queryset)
    return {"strip": strip_for(counts, year), "groups": month_groups(incidents, counts)}
