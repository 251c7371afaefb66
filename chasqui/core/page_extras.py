"""Panels a higher app adds to a lower app's pages (the incidents a news item reports, say).

The lower app's template includes `core/includes/page_extras.html` once; each higher app registers
a function with the `chasqui_page_extras` Wagtail hook that takes (page, request) and returns the
HTML of its panel (a rendered template), or "" when it has nothing for that page.
"""

from django.utils.html import format_html_join
from wagtail import hooks

PAGE_EXTRAS_HOOK = "chasqui_page_extras"


def page_extras(page, request):
    """The registered panels for `page`, in the order of INSTALLED_APPS."""
    parts = (extra(page, request) for extra in hooks.get_hooks(PAGE_EXTRAS_HOOK))
    return format_html_join("", "{}", ((part,) for part in parts if part))
