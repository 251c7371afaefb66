"""Panels a higher app adds to a region's page in a lower app (the incidents recorded in a region,
on the news archive of that region).

The lower app's template includes `core/includes/region_extras.html` with `region` and `page` (the
page the region's listing hangs off, which gives the language); each higher app registers a function
with the `chasqui_region_extras` Wagtail hook that takes (region, page, request) and returns the HTML
of its panel (a rendered template), or "" when it has nothing for that region.
"""

from django.utils.html import format_html_join
from wagtail import hooks

REGION_EXTRAS_HOOK = "chasqui_region_extras"


def region_extras(region, page, request):
    """The registered panels for `region` under `page`, in the order of INSTALLED_APPS."""
    if region is None:
        return ""
    parts = (extra(region, page, request) for extra in hooks.get_hooks(REGION_EXTRAS_HOOK))
    return format_html_join("", "{}", ((part,) for part in parts if part))
