"""An editor publishes a news item through the Wagtail admin and readers see it first."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def editor(demo, django_user_model):
    user = django_user_model.objects.create_user("editor-in-test", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_editor_publishes_news_item_that_leads_the_home_page(page, demo, editor):
    title = "Regional government signs water agreement with Cajamarca farmers"
    news_index = demo.news_index()

    page.goto("/admin/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/pages/{news_index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/news/newsitempage/{news_index.pk}/$"))

    page.locator("#id_title").fill(title)
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    page.locator("#id_date").press("Escape")
    page.locator("#id_lede").fill(
        "Farmers and the regional government agree how water from the basin is shared."
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("published")
    created = demo.news_items().get(title=title)
    assert created.live
    assert created.get_parent().pk == news_index.pk

    page.goto("/")
    # The lead story is the newest item with a picture; this one has none, so it heads the weeks.
    hrefs = page.locator("main .news-week a[href]").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    item_paths = {demo.path(item) for item in demo.news_items()}
    first_item = next((href for href in hrefs if href in item_paths), None)
    assert first_item == demo.path(created), f"first news item on the home page is {first_item}"
    expect(page.locator("main").get_by_role("link", name=title).first).to_be_visible()
