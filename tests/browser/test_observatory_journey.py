"""From a news item to the open data: an editor records an incident from the item and marks a
person's name as sensitive; a reader finds the incident on the map, opens the region's list and
downloads its CSV, and the name is nowhere public."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from chasqui.news.models import NewsIndexPage, NewsItemPage, Region
from chasqui.observatory import services
from chasqui.observatory.models import IncidentIndexPage, IncidentPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-editor-passphrase"
SECRET_NAME = "Zacarías Quispetupa"
DESCRIPTION = "A river defender"
INCIDENT_TITLE = "Defender threatened at the river camp"


@pytest.fixture
def editor(site_tree, django_user_model):
    user = django_user_model.objects.create_user("observatory-editor", "obs@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def story(site_tree):
    """A published news item about Madre de Dios, and the sensitive actor its text names."""
    incident_index = IncidentIndexPage.objects.child_of(site_tree["en"]).get()
    services.add_actor(incident_index, DESCRIPTION, "person", is_sensitive=True, real_name=SECRET_NAME)
    item = NewsItemPage(
        title="Threats at the river camp",
        date=datetime.date(2026, 3, 2),
        lede="A defender was threatened near the camp.",
        body=[("paragraph", '<p data-block-key="p1">Threats were made against</p>')],
    )
    NewsIndexPage.objects.child_of(site_tree["en"]).get().add_child(instance=item)
    item.regions.add(Region.objects.get(slug="madre-de-dios"))
    item.save_revision().publish()
    return item


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("published")


def mark_the_name(page, story):
    page.goto(page.url.split("/admin/")[0] + f"/admin/pages/{story.pk}/edit/")
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.get_by_text("Threats were made against").click()
    page.keyboard.press("End")
    page.keyboard.type(f" {SECRET_NAME}")
    for _ in SECRET_NAME:
        page.keyboard.press("Shift+ArrowLeft")
    page.get_by_role("button", name="Sensitive name").click()
    page.locator(".modal").get_by_role("link", name=DESCRIPTION).click()
    expect(paragraph).to_contain_text(f"against {DESCRIPTION}")
    expect(paragraph).not_to_contain_text(SECRET_NAME)
    # Draftail writes the form's field a moment after the editor changes: publish once it has.
    stored = page.locator("input[name='body-0-value']")
    for _ in range(50):
        if SECRET_NAME not in stored.input_value() and DESCRIPTION in stored.input_value():
            break
        page.wait_for_timeout(100)
    publish(page)


def record_the_incident(page, story):
    page.goto(page.url.split("/admin/")[0] + f"/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role(
        "link", name="Record an incident"
    ).click()
    expect(page.locator("#id_title")).to_be_visible()
    assert story.title in page.content()  # already in "News items reporting it"
    page.locator("#id_title").fill(INCIDENT_TITLE)
    page.locator("#id_date_start").fill("2026-03-01")
    page.locator("#id_latitude").fill("-12.59")
    page.locator("#id_longitude").fill("-69.18")
    page.locator("#id_incident_type-chooser").get_by_role("button").first.click()
    page.locator(".modal").get_by_role("link", name="Threat or attack on a defender").click()
    expect(page.locator("#id_incident_type-chooser")).to_contain_text("Threat or attack on a defender")
    page.locator("#id_description").fill(f"{DESCRIPTION} was threatened by armed men near the camp.")
    publish(page)


def test_an_incident_recorded_from_a_news_item_reaches_the_map_and_the_csv_without_the_name(
    page, browser, live_server, settings, editor, story
):
    # No autosave: SQLite's shared in-memory test database locks a table under concurrent writes,
    # and autosaving alongside Publish is another test's subject (test_publish_after_editing.py).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    sign_in(page, live_server, editor)
    mark_the_name(page, story)
    record_the_incident(page, story)
    incident = IncidentPage.objects.live().get(title=INCIDENT_TITLE)
    assert incident.region.slug == "madre-de-dios"  # chosen from the news item's one region
    assert incident.news_links.get().news_item_id == story.pk

    reader = browser.new_page()
    seen = []
    reader.goto(f"{live_server.url}/observatory/map/")
    seen.append(reader.content())
    reader.locator("svg a[aria-label^='Madre de Dios']").first.click()
    expect(reader.locator("main")).to_contain_text(INCIDENT_TITLE)
    seen.append(reader.content())
    csv_link = reader.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    assert "region=madre-de-dios" in csv_link  # the download keeps the region's filter
    download = reader.request.get(f"{live_server.url}{csv_link}" if csv_link.startswith("/") else csv_link)
    assert download.ok
    assert "text/csv" in download.headers["content-type"]
    csv_text = download.text()
    assert INCIDENT_TITLE in csv_text
    seen.append(csv_text)
    reader.goto(f"{live_server.url}{story.url}")
    expect(reader.locator("main")).to_contain_text(INCIDENT_TITLE)  # the incident card on the news item
    expect(reader.locator("main")).to_contain_text(f"Threats were made against {DESCRIPTION}")
    seen.append(reader.content())
    reader.close()

    for text in seen:
        assert "Quispetupa" not in text
    assert DESCRIPTION in seen[-1]
