"""Reading the API's query parameters: the HTML list's filters, `limit` and the `after`/`before` cursors.

A parameter the API does not understand is an error naming it, never silently ignored: a
misspelt filter (`regoin=puno`) would otherwise return every incident and look like an answer.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..listing import parse_cursor
from ..views import filtered
from .http import invalid

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
FILTERS = ("region", "type", "actor", "case", "year", "month", "verification", "deaths")
PAGING = ("limit", "after", "before")
# The HTML checkbox sends "on"; a program may say true or 1. Anything else is refused rather than
# guessed at ("deaths=0" would otherwise mean yes, as it does to a browser form).
YES, NO = ("on", "true", "1"), ("false", "")


@dataclass(frozen=True)
class Paging:
    limit: int
    after: tuple | None
    before: tuple | None


def check_names(request, allowed):
    """Every parameter is one the endpoint takes, and is given once."""
    for name in request.GET:
        if name not in allowed:
            raise invalid(name, _("Unknown parameter “%(name)s”.") % {"name": name})
        if len(request.GET.getlist(name)) > 1:
            raise invalid(name, _("Give “%(name)s” only once.") % {"name": name})


def record_paging(request):
    """The page of actors or cases asked for: they take no filter, and their cursors hold a pk."""
    check_names(request, PAGING)
    return read_paging(request, int)


def read_paging(request, parse):
    """`limit` and a cursor; `parse` reads the cursor's sort value."""
    raw = request.GET.get("limit", "")
    if raw == "":
        limit = DEFAULT_LIMIT
    elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_LIMIT:
        limit = int(raw)
    else:
        raise invalid("limit", _("“limit” is a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT})
    cursors = {}
    for name in ("after", "before"):
        value = request.GET.get(name, "")
        cursors[name] = parse_cursor(value, parse)
        if value and cursors[name] is None:
            message = _("“%(name)s” takes a cursor from a “next” or “previous” address.")
            raise invalid(name, message % {"name": name})
    if cursors["after"] and cursors["before"]:
        raise invalid("before", _("Give “after” or “before”, not both."))
    return Paging(limit, cursors["after"], cursors["before"])


def incident_query(index, request):
    """(filters, queryset, Paging) for the incidents list, with the HTML list's own filter form."""
    check_names(request, FILTERS + PAGING)
    deaths = request.GET.get("deaths", "").lower()
    if deaths not in YES + NO:
        raise invalid("deaths", _("“deaths” takes “on” (or “true”, “1”); leave it out for every incident."))
    if request.GET.get("month") and not request.GET.get("year"):
        raise invalid("month", _("“month” needs a “year”."))
    form, filters, queryset = filtered(index, request)
    if form.errors:
        name, errors = next(iter(form.errors.items()))
        raise invalid(name, errors[0])
    return filters, queryset, read_paging(request, datetime.date.fromisoformat)
