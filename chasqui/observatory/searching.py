"""Incidents, actors and cases in the site search, which learns of them through a core hook.

Only public values reach the index: its text comes from each model's `search_fields` (a sensitive
actor's title and description, never its name or aliases; never an incident's sources), and an
incident is filed under its public date and shown to the month, so neither a result nor the order of
results tells a sensitive incident's day.
"""

from django.utils.translation import gettext_lazy as _

from chasqui.core.search_types import MONTH, NO_DATE, SearchType

from .public import public_start

SEARCH_TYPES = [
    SearchType(
        "observatory.IncidentPage",
        "incident",
        _("Incident"),
        _("Incidents"),
        lede_field="description",
        date=public_start,
        shown_date=MONTH,
        facet_attributes={"region": "region"},
        help_label=_("incidents"),
    ),
    SearchType(
        "observatory.ActorPage",
        "actor",
        _("Actor"),
        _("Actors"),
        "description",
        shown_date=NO_DATE,
        help_label=_("actors"),
    ),
    SearchType(
        "observatory.CasePage",
        "case",
        _("Case"),
        _("Cases"),
        "description",
        shown_date=NO_DATE,
        help_label=_("cases"),
    ),
]
