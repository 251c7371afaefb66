"""In a real browser the strict Content Security Policy blocks nothing of the site's own: the
theme's colours, the JSON-LD and the join form all carry the page's nonce or come from its files."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Collects `securitypolicyviolation` events from the moment the document starts, before any element runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def violations_on(page, path):
    """What the browser refused on the page at `path`: violation events and console reports."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(path)
    page.wait_for_load_state("load")
    events = page.evaluate("() => window.__cspViolations")
    reports = [text for text in console if "Content Security Policy" in text]
    return events + reports


@pytest.fixture
def watched_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def test_home_page_runs_under_the_policy(watched_page, demo):
    assert violations_on(watched_page, "/") == []
    # The theme's inline style applied: its custom properties are set on the root element.
    primary = watched_page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--colour-primary')"
    )
    assert primary.strip().startswith("#")


def test_news_item_runs_under_the_policy(watched_page, demo):
    item = demo.news_item_with_topic()
    assert violations_on(watched_page, demo.path(item)) == []
    expect(watched_page.locator("h1")).to_contain_text(item.title)


def test_join_page_runs_under_the_policy(watched_page, demo):
    assert violations_on(watched_page, reverse("membership:join")) == []
    expect(watched_page.locator("main form")).to_be_visible()


def test_an_injected_inline_script_is_refused(watched_page, demo):
    """The check above can fail: a script without the nonce is reported as a violation."""
    violations_on(watched_page, "/")
    watched_page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.append(s); }"
    )
    watched_page.wait_for_function("() => window.__cspViolations.length > 0")
    assert watched_page.evaluate("() => window.ran") is None
