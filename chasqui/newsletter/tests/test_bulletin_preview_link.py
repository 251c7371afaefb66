"""A test email's "read on the website" link opens the draft (signed, noindex, expiring); the real
send links the public archive page."""

import re

import pytest
import time_machine
from django.utils import timezone

from chasqui.core.testing.smtp import html_body, text_body
from chasqui.newsletter import services
from chasqui.newsletter.preview import preview_url

pytestmark = pytest.mark.django_db

WEB_LINK = re.compile(r"Read this bulletin on the website: (\S+)")


def web_link(message):
    match = WEB_LINK.search(text_body(message))
    assert match, text_body(message)
    return match.group(1)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_test_emails_web_link_opens_the_draft(client, smtp_server, bulletin_with_items):
    services.send_test(bulletin_with_items, "proofreader@example.com")

    (message,) = smtp_server.messages
    link = web_link(message)
    assert "/bulletins/preview/" in link
    assert link in html_body(message)
    assert client.get("/bulletins/1/").status_code == 404  # not public yet
    response = client.get(path_of(link))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Floods in Piura" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_preview_link_expires_and_cannot_be_forged(client, bulletin_with_items):
    path = path_of(preview_url(bulletin_with_items))
    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert client.get("/bulletins/preview/1/").status_code == 404
    with time_machine.travel(timezone.now() + timezone.timedelta(days=15)):
        assert client.get(path).status_code == 404


def test_the_real_send_links_the_public_page(client, smtp_server, bulletin_with_items, make_subscribers):
    make_subscribers(1)
    services.send_now(bulletin_with_items)

    (message,) = smtp_server.messages
    assert web_link(message) == "http://127.0.0.1:8000/bulletins/1/"
    assert client.get("/bulletins/1/").status_code == 200
    # A test sent afterwards links the public page too.
    bulletin_with_items.refresh_from_db()
    services.send_test(bulletin_with_items, "proofreader@example.com")
    assert web_link(smtp_server.messages[-1]) == "http://127.0.0.1:8000/bulletins/1/"
