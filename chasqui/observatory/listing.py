"""Keyset pagination of the incidents index: each page seeks past a (public date, pk) cursor.

Page 500 costs what page 1 costs, in time and in queries; the cursor holds only public values,
so a sensitive incident's real day never appears in an address.
"""

import datetime
from dataclasses import dataclass

PER_PAGE = 25


def parse_cursor(value):
    """(date, pk) from "2024-05-01.123", or None for anything else."""
    try:
        day, pk = (value or "").split(".")
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def format_cursor(incident):
    return f"{incident.public_date.isoformat()}.{incident.pk}"


@dataclass
class IncidentPageSlice:
    items: list
    count: int
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True


def page_after(queryset, after=None, before=None, per_page=None):
    """One page of `queryset` (newest first) after the cursor `after`, or the page just before `before`.

    Two queries whatever the page: the rows (one more than a page, to know if more follow) and the count.
    The cursor is one bound on the date and an exclusion, never an OR, and the first page has a
    bound that excludes nothing: SQLite then walks the public date's index and stops after a page
    instead of sorting every incident.
    """
    per_page = per_page or PER_PAGE
    count = queryset.count()
    if before:
        day, pk = before
        newer = queryset.filter(public_date__gte=day).exclude(public_date=day, pk__lte=pk)
        rows = list(newer.order_by("public_date", "pk")[: per_page + 1])
        more_newer = len(rows) > per_page
        items = list(reversed(rows[:per_page]))
        return IncidentPageSlice(
            items=items,
            count=count,
            next_cursor=format_cursor(items[-1]) if items else "",
            previous_cursor=format_cursor(items[0]) if items and more_newer else "",
            is_first=not more_newer,
        )
    ordered = queryset.order_by("-public_date", "-pk")
    if after:
        day, pk = after
        ordered = ordered.filter(public_date__lte=day).exclude(public_date=day, pk__gte=pk)
    else:
        ordered = ordered.filter(public_date__lte=datetime.date.max)
    rows = list(ordered[: per_page + 1])
    items = rows[:per_page]
    return IncidentPageSlice(
        items=items,
        count=count,
        next_cursor=format_cursor(items[-1]) if len(rows) > per_page else "",
        previous_cursor=format_cursor(items[0]) if after and items else "",
        is_first=not after,
    )
