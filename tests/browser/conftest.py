"""Playwright against Debian's Chromium and a live Django server loaded with the demo content.

Without Chromium the browser tests are skipped on a workstation but fail the run in CI,
so a missing browser can never turn a red build green.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin
from chasqui.publications.models import PublicationPage

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright beside live_server

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (
    f"Browser tests skipped: Chromium not found at {CHROMIUM_PATH}; install with apt-get install chromium"
)
_skipped_for_missing_chromium = []
_deselected_browser_tests = []


def chromium_available():
    return os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)


def running_in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Runs after -m/-k deselection, so `pytest -m "not browser"` never needs Chromium.

    Browser tests need a live server, so the database is flushed after each one; they run in a
    pytest process of their own (`pytest tests/browser`, as `make test` does). In a run that
    also collects other tests they are deselected, and the summary says how to run them.
    """
    browser_items = [item for item in items if BROWSER_DIR in Path(item.path).resolve().parents]
    if browser_items and len(browser_items) < len(items):
        items[:] = [item for item in items if item not in browser_items]
        config.hook.pytest_deselected(items=browser_items)
        _deselected_browser_tests.extend(browser_items)
        return
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if not browser_items or chromium_available():
        return
    if running_in_ci():
        raise pytest.UsageError(
            f"Chromium not found at {CHROMIUM_PATH} and CI=true: the browser tests must run in CI. "
            "Install it with apt-get install -y chromium, or set CHROMIUM_PATH."
        )
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    for item in browser_items:
        item.add_marker(skip)
    _skipped_for_missing_chromium.extend(browser_items)


def pytest_terminal_summary(terminalreporter):
    if _deselected_browser_tests:
        terminalreporter.write_sep("=", "browser tests", yellow=True)
        terminalreporter.write_line(
            f"{len(_deselected_browser_tests)} browser tests not run here: they run in their own process, "
            "`pytest tests/browser` (make test runs both)."
        )
    if _skipped_for_missing_chromium:
        terminalreporter.write_sep("=", "browser tests", yellow=True)
        terminalreporter.write_line(f"{MISSING_CHROMIUM} ({len(_skipped_for_missing_chromium)} tests)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "args": CHROMIUM_ARGS, "executable_path": CHROMIUM_PATH}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Lets tests write page.goto("/news/") against the live server."""
    return live_server.url


@pytest.fixture(autouse=True)
def _fail_fast(page):
    """Ten seconds is ample for a local server; the 30-second default only slows down failures."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)


@pytest.fixture
def demo(transactional_db):
    """The demo site: load_demo is idempotent, and the flush after each test empties the database."""
    call_command("load_demo", stdout=StringIO())
    return DemoSite()


class DemoSite:
    """Looks up demo pages by role rather than by slug, so the tests survive copy edits."""

    @staticmethod
    def path(page):
        """The site-relative URL path, as the templates link it."""
        return page.get_url_parts()[2]

    def news_items(self):
        return NewsItemPage.objects.live().filter(locale__language_code="en").order_by("-date", "-pk")

    def news_item_with_topic(self):
        return self.news_items().filter(topics__isnull=False).distinct().first()

    def news_index(self):
        return NewsIndexPage.objects.live().get(locale__language_code="en")

    def publication(self):
        publications = PublicationPage.objects.live().filter(locale__language_code="en")
        return publications.filter(title__icontains="mining").first() or publications.first()

    def latest_bulletin_path(self):
        sent = Bulletin.objects.filter(status=BulletinStatus.SENT, language="en")
        bulletin = sent.order_by("-number").first()
        return reverse("newsletter:detail", args=[bulletin.number])
