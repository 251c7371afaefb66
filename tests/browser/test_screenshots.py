"""Home, a news item and the join form at phone and desktop widths in both languages.

Each page is photographed into the pytest output folder (`--output`, kept by CI as artifacts), and
checked for what a reader would notice: a header that eats a phone screen, a page that scrolls
sideways, an image that did not load.
"""

import time

import pytest
from playwright.sync_api import expect

from chasqui.news.models import NewsItemPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (375, 1280)
MAX_PHONE_HEADER_HEIGHT = 120
EAGER_IMAGES = "document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"


def pages_to_photograph(demo):
    item = demo.news_item_with_topic()
    spanish_items = NewsItemPage.objects.live().filter(locale__language_code="es")
    spanish_item = spanish_items.filter(translation_key=item.translation_key).first() or spanish_items.first()
    return {
        "home-en": "/",
        "item-en": demo.path(item),
        "join-en": "/members/join/",
        "home-es": "/es/",
        "item-es": demo.path(spanish_item),
        "join-es": "/es/members/join/",
    }


def wait_for_images(page, seconds=10):
    """Polled from here: the page's policy forbids the string evaluation wait_for_function uses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate("[...document.images].every(img => img.complete)"):
        if time.monotonic() > deadline:
            return
        page.wait_for_timeout(100)


def layout_problems(page, name, width):
    problems = []
    header_height = page.locator(".site-header").bounding_box()["height"]
    if width < 400 and header_height >= MAX_PHONE_HEADER_HEIGHT:
        problems.append(f"{name} at {width}px: header {header_height:.0f}px tall")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{name} at {width}px: scrolls sideways ({scroll_width}px wide)")
    broken = page.evaluate(
        "[...document.images].filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)"
    )
    if broken:
        problems.append(f"{name} at {width}px: images that did not load: {broken}")
    if not page.locator(".site-brand__logo").is_visible():
        problems.append(f"{name} at {width}px: no logo in the header")
    return problems


def test_pages_photographed_at_phone_and_desktop_widths(page, demo, output_path):
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages_to_photograph(demo).items():
            response = page.goto(path)
            assert response.ok, f"{name} {path}: HTTP {response.status}"
            page.wait_for_load_state("load")
            # Pictures below the fold load lazily, when scrolled to: load them all for the photograph.
            page.evaluate(EAGER_IMAGES)
            wait_for_images(page)
            page.screenshot(path=f"{output_path}/{name}-{width}.png", full_page=True)
            problems.extend(layout_problems(page, name, width))
    assert not problems, "\n".join(problems)


def test_phone_menu_opens_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    news_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="News")
    expect(news_link).to_be_hidden()

    page.get_by_text("Menu", exact=True).click()

    expect(news_link).to_be_visible()
    for name in ("Bulletins", "Members", "Join"):
        expect(page.get_by_role("banner").get_by_role("link", name=name, exact=True)).to_be_visible()
    context.close()


def test_wide_screen_shows_the_sections_without_a_menu_button(page, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")

    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="News")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()


def test_members_area_uses_the_whole_width_of_a_wide_screen(page, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/members/sign-in/")

    assert page.locator(".site-header").bounding_box()["width"] == 1280
    assert page.locator(".site-footer").bounding_box()["width"] == 1280
