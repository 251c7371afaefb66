"""Page types a higher app adds to the site search (the observatory's incidents, actors and cases).

`search` indexes news items, background pages and publications on its own; an app above it
registers a function with the `chasqui_search_types` Wagtail hook, in its wagtail_hooks.py, that
returns a list of `SearchType`. Search reads each page's text from the fields its model declares
in `search_fields`, so a type lists there only what the public may see.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from wagtail import hooks

SEARCH_TYPES_HOOK = "chasqui_search_types"

# How a result shows its date: the day, the month only, or not at all.
DAY, MONTH, NO_DATE = "day", "month", ""


@dataclass(frozen=True)
class SearchType:
    """One indexed page model.

    `kind` is the type filter's value (at most 16 characters); `label` names one result ("Incident"),
    `filter_label` the type filter's option ("Incidents"). Matches in `lede_field` rank just below
    title matches. `date(page)` is the date an entry is filed, ordered and filtered by year under
    (by default the page's `date`, else its first publication); `shown_date` how results show it.
    `facet_attributes` maps a search filter ("topic", "region") to the page's relation to it, a
    many-to-many or a foreign key, where it is not the filter's own ("topics", "regions").
    `help_label` names the type within a sentence ("incidents"), in the search page's help text.
    """

    model: str
    kind: str
    label: str
    filter_label: str
    lede_field: str = ""
    date: Callable[[object], datetime.date] | None = None
    shown_date: str = DAY
    facet_attributes: Mapping[str, str] = field(default_factory=dict)
    help_label: str = ""


def registered_search_types():
    """The types higher apps add, in the order of INSTALLED_APPS."""
    return [search_type for types in hooks.get_hooks(SEARCH_TYPES_HOOK) for search_type in types()]
