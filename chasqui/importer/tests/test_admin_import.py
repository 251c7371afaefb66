import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from chasqui.news.models import NewsItemPage

from .conftest import FIXTURES

URL = "/admin/import/"


def make_user(username, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def upload(name):
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes())


@pytest.fixture
def editor(site_tree):
    return make_user("editor", "Editor")


def test_anonymous_visitors_are_sent_to_log_in(client, site_tree):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_contributors_who_cannot_publish_may_not_import(client, site_tree):
    client.force_login(make_user("contributor", "Contributor"))

    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    for response in (client.get(URL), client.post(URL, {"source": upload("news.csv"), "language": "en"})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Import archive" not in client.get("/admin/").content.decode()
    assert not NewsItemPage.objects.exists()


def test_editor_sees_the_menu_item_and_a_labelled_form(client, editor):
    client.force_login(editor)

    assert URL in client.get("/admin/").content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("source", "dry_run", "as_drafts", "language"):
        field = soup.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}) is not None
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None


def test_dry_run_from_the_admin_shows_the_summary_and_saves_nothing(client, editor):
    client.force_login(editor)
    pages = Page.objects.count()

    response = client.post(URL, {"source": upload("listing_links.html"), "language": "en", "dry_run": "on"})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[data-outcome="created"]').get_text(strip=True) == "3"
    assert "Dry run" in soup.get_text()
    assert Page.objects.count() == pages


def test_upload_imports_and_lists_each_failure(client, editor):
    client.force_login(editor)

    response = client.post(URL, {"source": upload("news_broken.csv"), "language": "en"})

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[data-outcome="created"]').get_text(strip=True) == "1"
    assert soup.select_one('[data-outcome="failed"]').get_text(strip=True) == "3"
    rows = [row.get_text(" ", strip=True) for row in soup.select("table tbody tr")]
    assert any(row.startswith("row 3 Impossible day") for row in rows)
    item = NewsItemPage.objects.get()
    assert item.title == "Valid row"
    assert item.owner == editor


def test_missing_or_unreadable_file_is_an_error_on_the_field(client, editor):
    client.force_login(editor)

    response = client.post(URL, {"language": "en"})
    assert response.status_code == 400
    response = client.post(
        URL, {"source": SimpleUploadedFile("export.xml", b"<not-closed"), "language": "en"}
    )
    assert response.status_code == 400
    assert "not readable XML" in response.content.decode()
