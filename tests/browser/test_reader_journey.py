"""A reader moves from the home page to a story, its topic, and a search."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def news_item_paths_in_main(page, demo):
    """Paths of the news items linked from <main>, in document order."""
    known = {demo.path(item): item for item in demo.news_items()}
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    return [(href, known[href]) for href in hrefs if href in known]


def test_stylesheet_loads(page, site_tree):
    failed = []
    page.on(
        "response",
        lambda r: failed.append(r.url) if r.request.resource_type == "stylesheet" and not r.ok else None,
    )
    page.goto("/")
    rule_counts = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])"
    )
    assert not failed, f"stylesheets failed to load: {failed}"
    assert rule_counts, "the home page links no stylesheet"
    assert all(count > 0 for _, count in rule_counts), f"empty stylesheets: {rule_counts}"


def test_reader_goes_from_home_to_item_topic_and_search(page, demo):
    page.goto("/")
    linked = news_item_paths_in_main(page, demo)
    assert linked, "the home page links no news item"
    path, item = next(((p, i) for p, i in linked if i.topics.exists()), (None, None))
    assert item, "no news item linked from the home page has a topic"

    page.locator(f"main a[href$='{path}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)

    topic_link = page.locator("main a[href*='/news/topic/']").first
    expect(topic_link).to_be_visible()
    topic_href = topic_link.get_attribute("href")
    slug = topic_href.rstrip("/").rsplit("/", 1)[-1]
    topic = item.topics.get(slug=slug)
    topic_link.click()
    expect(page).to_have_url(re.compile(rf"/news/topic/{re.escape(slug)}/$"))
    expect(page.locator("main")).to_contain_text(topic.name)
    expect(page.locator(f"main a[href$='{path}']").first).to_be_visible()

    if not page.locator("input[name='q']").count():
        page.locator("a[href$='/search/']").first.click()
    search_box = page.locator("input[name='q']").first
    search_box.fill(item.title)
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.locator("input[name='q']").first).to_have_value(item.title)
    expect(page.locator(f"main a[href$='{path}']").first).to_be_visible()
