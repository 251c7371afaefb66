"""An editor marks a person's name in a news item as a sensitive name; readers see only the description."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.observatory import services
from chasqui.observatory.models import IncidentIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-editor-passphrase"
SECRET_NAME = "Zacarías Quispetupa"
DESCRIPTION = "A community leader"


@pytest.fixture
def editor(site_tree, django_user_model):
    user = django_user_model.objects.create_user("sensitive-editor", "sensitive@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def story(site_tree):
    """A published news item with one paragraph, and a sensitive actor to mark in it."""
    incident_index = IncidentIndexPage.objects.child_of(site_tree["en"]).get()
    services.add_actor(incident_index, DESCRIPTION, "person", is_sensitive=True, real_name=SECRET_NAME)
    item = NewsItemPage(
        title="Threats at the river",
        date=datetime.date(2026, 3, 2),
        lede="A defender was threatened.",
        body=[("paragraph", '<p data-block-key="p1">The threats were reported by</p>')],
    )
    NewsIndexPage.objects.child_of(site_tree["en"]).get().add_child(instance=item)
    item.save_revision().publish()
    return item


def test_a_marked_name_is_published_as_its_description(page, browser, live_server, settings, editor, story):
    # No autosave: SQLite's shared in-memory test database locks a table under concurrent writes,
    # and autosaving alongside Publish is another test's subject (test_publish_after_editing.py).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.get_by_text("The threats were reported by").click()
    page.keyboard.press("End")
    page.keyboard.type(f" {SECRET_NAME}")
    for _ in SECRET_NAME:
        page.keyboard.press("Shift+ArrowLeft")
    page.get_by_role("button", name="Sensitive name").click()
    page.locator(".modal").get_by_role("link", name=DESCRIPTION).click()
    expect(paragraph).to_contain_text(f"reported by {DESCRIPTION}")
    expect(paragraph).not_to_contain_text(SECRET_NAME)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("published")

    reader = browser.new_page()
    reader.goto(f"{live_server.url}{story.url}")
    html = reader.content()
    assert "Quispetupa" not in html
    expect(reader.locator("main")).to_contain_text(f"The threats were reported by {DESCRIPTION}")
    reader.close()
