"""A reader signs up on the home page, confirms from the email, and later unsubscribes."""

import re

import pytest
from playwright.sync_api import expect

from chasqui.core.testing import smtp
from chasqui.subscribers import links
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

# The loopback SMTP server fixture (until the root conftest registers chasqui.core.testing.smtp).
smtp_server = smtp.smtp_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONFIRM_LINK = re.compile(r"https?://\S+/subscribe/confirm/[^/\s]+/")


@pytest.fixture
def links_to_live_server(settings, live_server):
    """Emails link to the site's base URL; point it at the test server."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url


def test_reader_subscribes_confirms_and_unsubscribes(page, site_tree, smtp_server, links_to_live_server):
    page.goto("/")
    form = page.locator("main form.subscribe-form")
    form.get_by_label("Email address").fill("reader@example.org")
    form.get_by_label("Name (optional)").fill("Rosa Mamani")
    expect(form.get_by_label("English")).to_be_checked()
    form.get_by_role("button", name="Subscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "reader@example.org"
    link = CONFIRM_LINK.search(smtp.text_body(message)).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.status == SubscriberStatus.PENDING, "opening the link alone must not confirm"
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.name == "Rosa Mamani"

    page.goto(links.unsubscribe_url(subscriber))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert list(subscriber.consent_events.values_list("cause", flat=True)) == [
        ConsentCause.SIGN_UP_FORM,
        ConsentCause.CONFIRMED,
        ConsentCause.UNSUBSCRIBE_LINK,
    ]


def test_bad_email_is_explained_next_to_the_field_and_kept(page, site_tree, smtp_server):
    page.goto("/subscribe/")
    form = page.locator("main form.subscribe-form")
    # The browser's own check would stop "a@b"; switch it off to reach the server's message.
    form.evaluate("f => f.noValidate = true")
    form.get_by_label("Email address").fill("rosa@")
    form.get_by_label("Español").check()
    form.get_by_role("button", name="Subscribe").click()

    email = page.get_by_label("Email address")
    expect(email).to_have_value("rosa@")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Enter an email address"))
    expect(page.get_by_label("Español")).to_be_checked()
    assert smtp_server.messages == []
