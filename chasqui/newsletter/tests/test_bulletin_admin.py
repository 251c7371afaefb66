"""The admin side for an editor: drafting the next bulletin, previewing, testing, sending once."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from chasqui.core.testing.smtp import html_body
from chasqui.newsletter import services
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin, Delivery

pytestmark = pytest.mark.django_db


# What the confirmation page's form posts.
CONFIRMED = {"confirmed": "yes"}


def url(name, *args):
    return reverse(f"wagtailsnippets_newsletter_bulletin:{name}", args=args)


def test_next_bulletin_gets_next_number_and_news_since_the_last_one(
    editor_client, site_settings, news_index, spanish_news_index, add_item
):
    old = add_item(news_index, "Old story", "2026-11-01")
    previous = services.create_next_bulletin("en")
    previous.status = BulletinStatus.SENT
    previous.sent_at = datetime.datetime(2026, 11, 19, 12, tzinfo=timezone.get_current_timezone())
    previous.save()
    old.bulletin_number = None
    add_item(news_index, "Second story", "2026-11-21")
    add_item(news_index, "First story", "2026-11-20")
    add_item(spanish_news_index, "Noticia en castellano", "2026-11-20")

    response = editor_client.post(url("create_next"), {"language": "en"})

    bulletin = Bulletin.objects.get(number=previous.number + 1, language="en")
    assert response.status_code == 302
    assert response["Location"] == url("edit", bulletin.pk)
    assert [item.news_item.title for item in bulletin.items.all()] == ["First story", "Second story"]
    assert bulletin.created_by.username == "editor"
    edit = editor_client.get(url("edit", bulletin.pk))
    assert edit.status_code == 200
    assert "First story" in edit.content.decode()


def test_numbering_continues_from_imported_bulletin_numbers(site_settings, news_index, add_item):
    item = add_item(news_index, "Back issue story")
    item.bulletin_number = 119
    item.save()

    assert services.create_next_bulletin("en").number == 120


def test_listing_shows_counts_for_editors(editor_client, bulletin_with_items, make_subscribers, smtp_server):
    make_subscribers(3)
    services.send_now(bulletin_with_items)

    response = editor_client.get(url("list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Update 1" in html
    assert "3 / 0 / 0" in html
    assert "Create next bulletin" in html


def test_previews_render_email_and_web(rf, editor, bulletin_with_items):
    request = rf.get("/")
    request.user = editor
    email = bulletin_with_items.serve_preview(request, "email").content.decode()
    web = bulletin_with_items.serve_preview(request, "web").content.decode()

    assert email.startswith("<!doctype html>")
    assert 'href="http://127.0.0.1:8000/news/floods-in-piura/"' in email
    assert "Peru Watch Trust" in email
    assert '<a href="/news/floods-in-piura/">Floods in Piura</a>' in web
    assert [mode for mode, _label in bulletin_with_items.preview_modes] == ["email", "web"]


def test_send_test_from_the_admin(editor_client, bulletin_with_items, smtp_server):
    response = editor_client.post(url("send_test", bulletin_with_items.pk), {"email": "check@example.com"})

    assert response.status_code == 302
    (message,) = smtp_server.messages
    assert message["To"] == "check@example.com"
    assert "Congress debates mining law" in html_body(message)


def test_send_test_with_a_bad_address_shows_the_error(editor_client, bulletin_with_items, smtp_server):
    response = editor_client.post(url("send_test", bulletin_with_items.pk), {"email": "not an address"})

    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert smtp_server.messages == []


def test_double_click_on_send_now_sends_once(
    editor_client, bulletin_with_items, make_subscribers, smtp_server
):
    make_subscribers(5)

    first = editor_client.post(url("send_now", bulletin_with_items.pk), CONFIRMED, follow=True)
    second = editor_client.post(url("send_now", bulletin_with_items.pk), CONFIRMED, follow=True)

    assert "is being sent" in first.content.decode()
    assert "already being sent or has been sent" in second.content.decode()
    assert len(smtp_server.messages) == 5
    assert Delivery.objects.count() == 5
    progress_page = editor_client.get(url("send", bulletin_with_items.pk)).content.decode()
    assert 'data-count="sent">5<' in progress_page
    assert 'data-count="remaining">0<' in progress_page


def test_send_now_refuses_an_empty_bulletin(editor_client, site_settings, make_subscribers, smtp_server):
    make_subscribers(1)
    bulletin = Bulletin.objects.create(number=5)

    response = editor_client.post(url("send_now", bulletin.pk), CONFIRMED, follow=True)

    assert "Add at least one news item" in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT
    assert smtp_server.messages == []


def test_schedule_and_cancel(editor_client, bulletin_with_items):
    when = timezone.localtime() + datetime.timedelta(days=1)

    editor_client.post(
        url("schedule", bulletin_with_items.pk), {"send_at": when.strftime("%Y-%m-%dT%H:%M"), **CONFIRMED}
    )
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.SCHEDULED
    assert abs(bulletin_with_items.scheduled_for - when) < datetime.timedelta(minutes=1)

    editor_client.post(url("cancel_schedule", bulletin_with_items.pk))
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.DRAFT


def test_schedule_in_the_past_is_refused_with_a_message(editor_client, bulletin_with_items):
    past = timezone.localtime() - datetime.timedelta(hours=1)

    response = editor_client.post(
        url("schedule", bulletin_with_items.pk), {"send_at": past.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.DRAFT


def test_failed_deliveries_are_listed_on_the_progress_page(
    editor_client, bulletin_with_items, make_subscribers, smtp_server
):
    readers = make_subscribers(2)
    smtp_server.reject_recipient(readers[0].email)
    services.send_now(bulletin_with_items)

    html = editor_client.get(url("send", bulletin_with_items.pk)).content.decode()

    assert readers[0].email in html
    assert "550" in html


def test_users_without_bulletin_permission_cannot_send(
    client, django_user_model, bulletin_with_items, smtp_server
):
    user = django_user_model.objects.create_user(username="contributor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(url("send_now", bulletin_with_items.pk), CONFIRMED)

    assert response.status_code in (302, 403)
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.status == BulletinStatus.DRAFT


def test_add_form_proposes_the_next_number(editor_client, site_settings):
    Bulletin.objects.create(number=41, status=BulletinStatus.SENT)

    response = editor_client.get(url("add"))

    assert response.status_code == 200
    assert 'name="number" value="42"' in response.content.decode()


def form_data(html):
    """The edit form's current values, as the browser would post them."""
    form = BeautifulSoup(html, "html.parser").find(attrs={"name": "number"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            data[name] = option.get("value", "") if option else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def test_unsaved_changes_preview_as_email_and_web_page(editor_client, bulletin_with_items):
    edit = editor_client.get(url("edit", bulletin_with_items.pk)).content.decode()
    data = form_data(edit)
    data["items-0-DELETE"] = "1"  # the editor removes the first item before previewing

    posted = editor_client.post(url("preview_on_edit", bulletin_with_items.pk), data)
    assert posted.json()["is_valid"] is True

    preview_url = url("preview_on_edit", bulletin_with_items.pk)
    email_html = editor_client.get(preview_url + "?mode=email").content.decode()
    web_html = editor_client.get(preview_url + "?mode=web").content.decode()
    for html in (email_html, web_html):
        assert "Floods in Piura" in html
        assert "Congress debates mining law" not in html
    assert "Peru Watch Trust" in email_html


def test_news_items_in_the_editor_are_headed_by_their_titles(editor_client, bulletin_with_items):
    html = editor_client.get(url("edit", bulletin_with_items.pk)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    children = soup.select("#id_items-FORMS [data-inline-panel-child]")
    headings = [" ".join(child.select_one("[data-panel-heading]").get_text().split()) for child in children]
    assert headings == ["Congress debates mining law", "Floods in Piura"]
    # A child added in the editor is numbered until it is saved.
    template = soup.select_one("#id_items-EMPTY_FORM_TEMPLATE")
    assert "data-inline-panel-child-count" in template.decode_contents()
