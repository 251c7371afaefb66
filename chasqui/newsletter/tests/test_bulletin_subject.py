"""The editor's subject and preview text, or the number and lead headline, everywhere a bulletin is named."""

import pytest

from chasqui.core.testing.smtp import html_body
from chasqui.newsletter import services
from chasqui.newsletter.content import render_bulletin_email

pytestmark = pytest.mark.django_db


def test_the_subject_defaults_to_the_number_and_the_lead_headline(bulletin_with_items):
    assert bulletin_with_items.subject_line() == "Update 1: Congress debates mining law"
    email = render_bulletin_email(bulletin_with_items)
    assert email.subject == "Update 1: Congress debates mining law"
    assert "2 news items from Peru Watch Trust" in email.html


def test_the_editors_subject_and_preheader_reach_the_email_page_and_archive(
    client, smtp_server, bulletin_with_items, make_subscribers
):
    make_subscribers(1)
    bulletin_with_items.subject = "Update 1: mining law & the Piura floods"
    bulletin_with_items.preheader = "Two stories from the north, and what Congress decided"
    bulletin_with_items.save()

    services.send_now(bulletin_with_items)

    (message,) = smtp_server.messages
    assert message["Subject"] == "Update 1: mining law & the Piura floods"
    html = html_body(message)
    # The preheader is the first text of the body, hidden from view.
    preheader = html.index("Two stories from the north, and what Congress decided")
    assert preheader < html.index("Congress debates mining law")
    assert "display:none" in html[html.rindex("<div", 0, preheader) : preheader].replace(" ", "")
    page = client.get("/bulletins/1/").content.decode()
    assert "<title>Update 1: mining law &amp; the Piura floods" in page
    archive = client.get("/bulletins/").content.decode()
    assert "Update 1: mining law &amp; the Piura floods</a>" in archive


def test_a_sent_bulletin_keeps_the_subject_it_was_sent_with(
    client, smtp_server, bulletin_with_items, make_subscribers
):
    make_subscribers(1)
    services.send_now(bulletin_with_items)
    bulletin_with_items.refresh_from_db()
    assert bulletin_with_items.subject == "Update 1: Congress debates mining law"
    archive = client.get("/bulletins/").content.decode()
    assert "Update 1: Congress debates mining law</a>" in archive


def test_subject_and_preheader_are_fields_in_the_editor(editor_client, bulletin_with_items):
    response = editor_client.get(f"/admin/snippets/newsletter/bulletin/edit/{bulletin_with_items.pk}/")
    html = response.content.decode()
    assert 'name="subject"' in html
    assert 'name="preheader"' in html
