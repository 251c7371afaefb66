"""Fixtures shared by every app's tests."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import set_script_prefix, set_urlconf
from django.utils import timezone, translation

from chasqui.core.testing.reference import reference_file
from chasqui.pages.structure import ensure_site_structure

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright beside live_server

pytest_plugins = ["chasqui.core.testing.smtp"]


def pytest_runtest_setup(item):
    """`@pytest.mark.reference_file("home-page.txt")`: skipped (failed in CI) without ../shared/reference/."""
    for marker in item.iter_markers("reference_file"):
        for name in marker.args:
            reference_file(name)


@pytest.fixture
def site_tree(db):
    """The standard page tree: {"en": HomePage, "es": HomePage}, each with news and publication indexes."""
    return ensure_site_structure()


def reset_global_state():
    """What a request or a test leaves behind in the process, outside the database: the active
    language and time zone, the URL prefix and urlconf, and the caches (the site root paths too)."""
    translation.deactivate()
    timezone.deactivate()
    set_script_prefix("/")
    set_urlconf(None)
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _isolated_global_state():
    """Tests run in random order: each starts as in a fresh process, whatever the one before did
    (a request to an /es/ page leaves Spanish active, for one)."""
    reset_global_state()
    yield
    reset_global_state()
