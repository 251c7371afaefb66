"""Every email is built from subject, text and MJML templates in one layout with the charity's details."""

import pytest
from django.core import mail as outbox
from wagtail.models import Site

from chasqui.core import mail
from chasqui.core.models import SiteSettings

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "test/email/note_subject.txt": (
        "{% autoescape off %}Note\n  for {{ name }} from {{ organisation_name }}{% endautoescape %}\n"
    ),
    "test/email/note.txt": "{% autoescape off %}Hello {{ name }},\n\n\n\nA note.\n{% endautoescape %}\n\n",
    "test/email/note.mjml": (
        '{% extends "email/layout.mjml" %}'
        "{% block content %}<mj-text><p>Hello {{ name }}, in {{ language_code }}.</p></mj-text>{% endblock %}"
    ),
    "test/email/plain_subject.txt": "Plain",
    "test/email/plain.txt": "Only text.",
}


@pytest.fixture(autouse=True)
def email_templates(settings, tmp_path):
    for name, source in TEMPLATES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.fixture
def charity(site_tree):
    organisation = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.organisation_name = "Andes & Amazon Trust"
    organisation.primary_colour = "#123456"
    organisation.postal_address = "1 Calle Real\n\nLima"
    organisation.email = "office@example.org"
    organisation.save()
    return organisation


def test_subject_is_one_unescaped_line(charity):
    message = mail.build_email("test/email/note", {"name": "Ana <Q>"}, to="ana@example.org")
    assert message.subject == "Note for Ana <Q> from Andes & Amazon Trust"


def test_text_has_no_runs_of_blank_lines_and_ends_in_one_newline(charity):
    message = mail.build_email("test/email/note", {"name": "Ana"}, to="ana@example.org")
    assert message.body == "Hello Ana,\n\nA note.\n"


def test_html_is_compiled_mjml_in_the_layout_with_the_charitys_details(charity):
    message = mail.build_email("test/email/note", {"name": "Ana"}, to=["ana@example.org"], language="es")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith("<!doctype html>")
    assert 'lang="es"' in html
    assert "Hello Ana, in es." in html
    assert "Andes &amp; Amazon Trust" in html
    assert "#123456" in html
    assert "1 Calle Real<br />Lima" in html
    assert "mailto:office@example.org" in html
    assert "<mj-" not in html


def test_a_template_without_mjml_is_sent_as_text_only(charity):
    message = mail.build_email("test/email/plain", {}, to="ana@example.org")
    assert message.alternatives == []
    assert message.body == "Only text.\n"


def test_addresses_and_headers_are_set(charity, settings):
    message = mail.build_email(
        "test/email/plain",
        {},
        to="ana@example.org",
        reply_to="office@example.org",
        bcc=["editor@example.org"],
        headers={"List-Id": "news"},
    )
    assert message.from_email == mail.sender() == "Andes & Amazon Trust <office@example.org>"
    assert message.to == ["ana@example.org"]
    assert message.reply_to == ["office@example.org"]
    assert message.bcc == ["editor@example.org"]
    assert message.extra_headers == {"List-Id": "news"}


def test_without_a_site_the_default_name_is_used(db):
    Site.objects.all().delete()
    assert mail.branding()["organisation_name"] == SiteSettings().organisation_name


def test_send_emails_sends_all_over_one_connection(charity):
    messages = [mail.build_email("test/email/plain", {}, to=f"reader{n}@example.org") for n in range(3)]
    assert mail.send_emails(messages) == 3
    assert [message.to for message in outbox.outbox] == [[f"reader{n}@example.org"] for n in range(3)]
    assert mail.send_emails([]) == 0


def test_send_each_carries_on_past_a_failure(charity):
    good = mail.build_email("test/email/plain", {}, to="ana@example.org")
    bad = mail.build_email("test/email/plain", {}, to="bad\nheader@example.org")
    assert mail.send_each([bad, good]) == [bad]
    assert [message.to for message in outbox.outbox] == [["ana@example.org"]]
