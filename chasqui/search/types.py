"""Every page type the site search indexes: its own three, then those higher apps register.

The models are named by label, so search reads news items, background pages and publications
without importing their apps; the observatory's types come through `chasqui.core.search_types`.
"""

from django.apps import apps
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chasqui.core.search_types import NO_DATE, SearchType, registered_search_types

BUILT_IN_TYPES = (
    SearchType("news.NewsItemPage", "news", _("News"), _("News"), lede_field="lede", help_label=_("news")),
    SearchType(
        "pages.StandardPage",
        "page",
        _("Background"),
        _("Background"),
        lede_field="intro",
        shown_date=NO_DATE,
        help_label=_("background pages"),
    ),
    SearchType(
        "publications.PublicationPage",
        "publication",
        _("Publications"),
        _("Publications"),
        lede_field="summary_text",
        help_label=_("publications"),
    ),
)


def search_types() -> tuple[SearchType, ...]:
    return (*BUILT_IN_TYPES, *registered_search_types())


def searched_types_text() -> str:
    """Every type searched, as a list in the current language: "news, background pages and cases"."""
    names = [str(search_type.help_label or search_type.filter_label) for search_type in search_types()]
    return get_text_list(names, last_word=gettext("and"))


def kinds() -> list[str]:
    return [search_type.kind for search_type in search_types()]


def type_of_kind(kind) -> SearchType | None:
    return next((search_type for search_type in search_types() if search_type.kind == kind), None)


def indexed_models() -> dict:
    """{page model: its SearchType}."""
    return {apps.get_model(search_type.model): search_type for search_type in search_types()}
