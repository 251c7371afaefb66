"""Keyset pagination of the incidents index: each page seeks past a (public date, pk) cursor.

Page 500 costs what page 1 costs, in time and in queries; the cursor holds only public values,
so a sensitive incident's real day never appears in an address.
"""

import datetime
from dataclasses import dataclass

PER_PAGE = 25


PK_LIMIT = 2**63  # past it, SQLite cannot even compare: such a cursor is no cursor


def parse_cursor(value, parse=datetime.date.fromisoformat):
    """(sort value, pk) from "2024-05-01.123" (`parse` reads the sort value), or None for anything else."""
    try:
        head, pk = (value or "").split(".")
        key = parse(head), int(pk)
    except ValueError:
        return None
    numbers = [part for part in key if isinstance(part, int)]
    return key if all(0 <= number < PK_LIMIT for number in numbers) else None


def format_cursor(item, field="public_date"):
    value = getattr(item, field)
    return f"{value.isoformat() if isinstance(value, datetime.date) else value}.{item.pk}"


@dataclass
class IncidentPageSlice:
    items: list
    count: int
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True


def page_after(queryset, after=None, before=None, per_page=None, field="public_date", count=None):
    """One page of `queryset` (newest first) after the cursor `after`, or the page just before `before`.

    Newest is the highest `field`, ties broken by pk: the public date for incidents; the API pages
    actors and cases by pk alone. Two queries whatever the page: the rows (one more than a page, to
    know if more follow) and the count. The cursor is one bound on `field` and an exclusion, never
    an OR, and the incidents' first page has a bound that excludes nothing: SQLite then walks the
    public date's index and stops after a page instead of sorting every incident. A `count` known
    already (kept by the caller) saves the second query.
    """
    per_page = per_page or PER_PAGE
    if count is None:
        count = queryset.count()
    if before:
        value, pk = before
        newer = queryset.filter(**{f"{field}__gte": value}).exclude(**{field: value, "pk__lte": pk})
        rows = list(newer.order_by(field, "pk")[: per_page + 1])
        more_newer = len(rows) > per_page
        items = list(reversed(rows[:per_page]))
        return IncidentPageSlice(
            items=items,
            count=count,
            next_cursor=format_cursor(items[-1], field) if items else "",
            previous_cursor=format_cursor(items[0], field) if items and more_newer else "",
            is_first=not more_newer,
        )
    ordered = queryset.order_by(f"-{field}", "-pk")
    if after:
        value, pk = after
        ordered = ordered.filter(**{f"{field}__lte": value}).exclude(**{field: value, "pk__gte": pk})
    elif field == "public_date":
        ordered = ordered.filter(public_date__lte=datetime.date.max)
    rows = list(ordered[: per_page + 1])
    items = rows[:per_page]
    return IncidentPageSlice(
        items=items,
        count=count,
        next_cursor=format_cursor(items[-1], field) if len(rows) > per_page else "",
        previous_cursor=format_cursor(items[0], field) if after and items else "",
        is_first=not after,
    )
