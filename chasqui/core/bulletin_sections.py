"""Sections a higher app adds to every bulletin (the week's incidents, say), unknown to the newsletter.

`newsletter` drafts, edits and renders bulletins without importing the apps behind these sections:
each app registers a function returning its `BulletinSection` with the `chasqui_bulletin_sections`
Wagtail hook in its wagtail_hooks.py. A section keeps its own rows on the bulletin (an inline the
editor reorders and removes like the news items), fills them when a bulletin is drafted, and hands
back what the email, its plain text and the bulletin's web page show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

BULLETIN_SECTIONS_HOOK = "chasqui_bulletin_sections"


@dataclass(frozen=True)
class BulletinEntry:
    """One line-up of a section: a linked title and a few short facts under it, already public."""

    title: str
    url: str  # absolute: the email is read away from the site
    lines: tuple = ()


@dataclass(frozen=True)
class BulletinSectionContent:
    """What a section shows in one bulletin, in the bulletin's language."""

    key: str
    heading: str
    entries: tuple


@dataclass(frozen=True)
class BulletinSection:
    """`panels` go in the bulletin editor after the news items; `prefill(bulletin, since)` adds the
    rows of a new draft for what was published after `since`, in a fixed number of queries;
    `content(bulletin)` returns a `BulletinSectionContent`, or None when the section is empty.
    `content` is called with the bulletin's language active and must read the rows through the
    bulletin's relation, so that a preview of unsaved changes shows them."""

    key: str
    panels: tuple
    prefill: Callable
    content: Callable


def bulletin_sections():
    """Every registered section, in the order of INSTALLED_APPS."""
    return [section() for section in hooks.get_hooks(BULLETIN_SECTIONS_HOOK)]
