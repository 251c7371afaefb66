"""Leaving the list: a page with one button, and RFC 8058 one-click from the mail client."""

import pytest
from django.test import Client

from chasqui.subscribers import links
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus

from .conftest import path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_subscriber):
    return make_subscriber("rosa@example.org", SubscriberStatus.SUBSCRIBED, language="es")


def test_unsubscribe_page_asks_first_and_the_button_unsubscribes(client, site_tree, reader):
    url = links.unsubscribe_url(reader)
    assert "/es/subscribe/unsubscribe/" in url
    page = client.get(path_of(url))
    assert page.status_code == 200
    assert 'type="submit"' in page.content.decode()
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED

    response = client.post(path_of(url))
    assert response.status_code == 302
    assert response["Location"].endswith("/subscribe/unsubscribed/")
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    last = reader.consent_events.last()
    assert (last.from_status, last.to_status, last.cause) == (
        SubscriberStatus.SUBSCRIBED,
        SubscriberStatus.UNSUBSCRIBED,
        ConsentCause.UNSUBSCRIBE_LINK,
    )
    # Pressing again changes nothing and records nothing.
    client.post(path_of(url))
    assert reader.consent_events.count() == 2


def test_unsubscribe_button_works_with_csrf_checks_and_no_login(site_tree, reader):
    browser = Client(enforce_csrf_checks=True)
    path = path_of(links.unsubscribe_url(reader))
    page = browser.get(path)
    token = page.context["csrf_token"]
    response = browser.post(path, {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_post_from_a_mail_client_unsubscribes_at_once(site_tree, reader):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(links.one_click_unsubscribe_url(reader)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    assert reader.consent_events.last().cause == ConsentCause.ONE_CLICK


def test_one_click_accepts_multipart_bodies_too(site_tree, reader):
    response = Client(enforce_csrf_checks=True).post(
        path_of(links.one_click_unsubscribe_url(reader)), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_without_the_rfc_8058_body_changes_nothing(site_tree, reader):
    response = Client().post(path_of(links.one_click_unsubscribe_url(reader)), {"something": "else"})
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED


def test_get_on_the_one_click_address_shows_the_normal_page(client, site_tree, reader):
    response = client.get(path_of(links.one_click_unsubscribe_url(reader)))
    assert response.status_code == 200
    assert f'action="{path_of(links.unsubscribe_url(reader))}"' in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        links.signing.Signer(salt=links.CONFIRM_SALT).sign_object(1),  # a valid token for something else
        links.signing.Signer(salt=links.UNSUBSCRIBE_SALT, key="another-site-secret").sign_object(1),
    ],
)
def test_forged_unsubscribe_tokens_are_refused(client, site_tree, reader, token):
    page = client.get(f"/subscribe/unsubscribe/{token}/")
    assert page.status_code == 400
    assert "This link is not valid" in page.content.decode()
    assert client.post(f"/subscribe/unsubscribe/{token}/").status_code == 400
    one_click = client.post(
        f"/subscribe/unsubscribe/{token}/one-click/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 400
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED


def test_link_for_a_removed_address_says_so(client, site_tree, reader):
    path = path_of(links.unsubscribe_url(reader))
    reader.delete()
    response = client.get(path)
    assert response.status_code == 404
    # The link was made for a Spanish reader, so the page answers in Spanish.
    assert "no está en nuestra lista" in response.content.decode()


def test_complained_or_bounced_reader_can_still_unsubscribe(client, site_tree, make_subscriber):
    bounced = make_subscriber("gone@example.org", SubscriberStatus.BOUNCED)
    client.post(path_of(links.unsubscribe_url(bounced)))
    bounced.refresh_from_db()
    assert bounced.status == SubscriberStatus.UNSUBSCRIBED
