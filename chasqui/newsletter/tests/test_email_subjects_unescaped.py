"""Subjects are plain text: an organisation, headline or label with & or < reads as typed in every
email the list and the bulletin send, never as &amp; or &lt;."""

import pytest

from chasqui.core.testing.smtp import text_body
from chasqui.newsletter import autodraft, services
from chasqui.subscribers import services as subscriber_services

pytestmark = pytest.mark.django_db

ORGANISATION = "A & B <Trust>"
ESCAPED = ("&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#39;")


@pytest.fixture
def awkward_names(site_settings, settings):
    site_settings.organisation_name = ORGANISATION
    site_settings.save()
    settings.CHASQUI_BULLETIN_LABEL = "News & <Views>"
    settings.DEFAULT_FROM_EMAIL = "Bulletin <bulletin@perusupport.org.uk>"


def assert_plain(text):
    assert not any(entity in text for entity in ESCAPED), text


@pytest.fixture
def awkward_bulletin(awkward_names, news_index, add_item):
    item = add_item(news_index, "Water and mining in Puno")
    item.title = "Water & <mining> in Puno"
    item.save_revision().publish()
    return services.create_next_bulletin("en")


def test_confirmation_subject_shows_the_name_as_typed(awkward_names, smtp_server):
    subscriber_services.sign_up("ana@example.net")
    (message,) = smtp_server.wait_for(1)
    assert message["Subject"] == f"Confirm your subscription to the {ORGANISATION} bulletin"
    assert ORGANISATION in text_body(message)
    assert_plain(text_body(message))


def test_bulletin_and_test_subjects_show_the_headline_as_typed(
    awkward_bulletin, smtp_server, make_subscribers
):
    make_subscribers(1)
    services.send_test(awkward_bulletin, "proofreader@example.com")
    services.send_now(awkward_bulletin)
    test, sent = smtp_server.messages
    assert test["Subject"] == "[Test] News & <Views> 1: Water & <mining> in Puno"
    assert sent["Subject"] == "News & <Views> 1: Water & <mining> in Puno"
    for message in (test, sent):
        assert ORGANISATION in text_body(message)
        assert_plain(text_body(message))
    awkward_bulletin.refresh_from_db()
    assert awkward_bulletin.subject == "News & <Views> 1: Water & <mining> in Puno"


def test_editors_notice_subject_shows_the_label_as_typed(awkward_bulletin, smtp_server, editor):
    autodraft.notify_editors(awkward_bulletin)
    (message,) = smtp_server.messages
    assert message["Subject"] == "News & <Views> 1 is drafted and ready for review"
    assert_plain(message["Subject"])
