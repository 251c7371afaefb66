"""Fixtures shared by every app's tests."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright beside live_server

pytest_plugins = ["chasqui.core.testing.smtp"]


@pytest.fixture
def site_tree(db):
    """The standard page tree: {"en": HomePage, "es": HomePage}, each with news and publication indexes."""
    from chasqui.pages.structure import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture(autouse=True)
def _clear_cache():
    """The local-memory cache outlives a test's database transaction; start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
