"""The sections every home page has (news, publications), contributed by the apps that own them.

`pages` builds the home pages and shows each section's latest content on them without importing
the apps behind the sections: each app registers a `HomeSection` with the `chasqui_home_sections`
Wagtail hook in its wagtail_hooks.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

HOME_SECTIONS_HOOK = "chasqui_home_sections"


@dataclass(frozen=True)
class HomeSection:
    """One section index under every home page.

    `key` names it in the home page's context (`<key>_index`); `titles` maps a language code to
    the index's (title, slug); `home_context(home, index, request)` returns what the home page
    template shows of the section (`index` is None when the home has no live index for it).
    `context_keys` lists the keys `home_context` returns: when given, it runs only once the template
    reads one of them (not at all when the home page's cached fragments hold what they show).
    """

    key: str
    index_model: type
    titles: dict
    home_context: Callable
    context_keys: tuple = ()


def home_sections():
    """Every registered section, in the order of INSTALLED_APPS."""
    return [section() for section in hooks.get_hooks(HOME_SECTIONS_HOOK)]
