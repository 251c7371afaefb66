"""Publishing straight after an edit publishes, even while an autosave of that edit is under way."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from chasqui.news.models import NewsIndexPage, NewsItemPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-editor-passphrase"
ATTEMPTS = 6


@pytest.fixture
def editor(site_tree, django_user_model):
    user = django_user_model.objects.create_user("quick-editor", "quick@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def drafts(site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    pages = []
    for number in range(ATTEMPTS):
        page = NewsItemPage(
            title=f"Draft story {number}", date=datetime.date(2026, 11, 30), lede="A first lede.", live=False
        )
        news_index.add_child(instance=page)
        page.save_revision()
        pages.append(page)
    return pages


def test_publish_immediately_after_editing_leaves_the_page_live(page, live_server, settings, editor, drafts):
    # Autosave soon after each keystroke, so an autosave is in flight when Publish is pressed.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 100
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    for number, draft in enumerate(drafts):
        page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
        page.locator("#id_lede").fill(f"An edited lede, published at once ({number}).")
        page.wait_for_timeout(150 * (number % 3))
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Publish", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("published")

    page.wait_for_timeout(500)  # any autosave still under way has finished
    for number, draft in enumerate(drafts):
        draft.refresh_from_db()
        assert draft.live, f"attempt {number}: reported as published but live={draft.live}"
        assert draft.live_revision_id == draft.latest_revision_id
        assert draft.lede == f"An edited lede, published at once ({number})."
