"""Confirmed opt-in: the form sends a link; only pressing Confirm (a POST) subscribes."""

import datetime
import re

import pytest
from django.urls import reverse

from chasqui.core import ratelimit
from chasqui.core.models import SiteSettings
from chasqui.core.testing.smtp import html_body, text_body
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.subscribers import links
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import ConsentEvent, Subscriber

from .conftest import confirm_link, path_of

pytestmark = pytest.mark.django_db

SUBSCRIBE_URL = "/subscribe/"


def sign_up(client, email="ana@example.org", language="en", url=SUBSCRIBE_URL, **extra):
    data = {"email": email, "name": "Ana Quispe", "language": language, "website": "", **extra}
    return client.post(url, data)


@pytest.fixture
def charity(site_tree):
    settings = SiteSettings.for_site(site_tree["en"].get_site())
    settings.organisation_name = "Andes Rights Watch"
    settings.save()
    return settings


def test_sign_up_emails_a_link_and_only_a_post_confirms(client, charity, smtp_server):
    response = sign_up(client, source="/news/road-blockade/")
    assert response.status_code == 302
    assert response["Location"] == reverse("subscribers:check_email")
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()

    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "ana@example.org"
    assert "Andes Rights Watch" in message["Subject"]
    assert "Andes Rights Watch" in text_body(message)
    assert "Andes Rights Watch" in html_body(message)
    link = confirm_link(message)
    assert link in html_body(message)

    # A link scanner fetching the page confirms nobody.
    scanned = client.get(path_of(link))
    assert scanned.status_code == 200
    assert "Confirm" in scanned.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    confirmed = client.post(path_of(link))
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("subscribers:confirmed")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.confirmed_at is not None
    assert list(subscriber.consent_events.values_list("from_status", "to_status", "cause")) == [
        ("", SubscriberStatus.PENDING, ConsentCause.SIGN_UP_FORM),
        (SubscriberStatus.PENDING, SubscriberStatus.SUBSCRIBED, ConsentCause.CONFIRMED),
    ]
    assert Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()
    assert subscriber.consent_events.first().detail == "form on /news/road-blockade/"


def test_spanish_page_signs_up_in_spanish_with_a_spanish_link(client, charity, smtp_server):
    form_page = client.get("/es/subscribe/")
    assert 'value="es"' in form_page.content.decode()
    response = sign_up(client, email="Luis@Example.org ", language="es", url="/es/subscribe/")
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="luis@example.org")
    assert subscriber.language == "es"
    [message] = smtp_server.wait_for(1)
    assert "/es/subscribe/confirm/" in confirm_link(message)
    assert 'lang="es"' in html_body(message)


def test_invalid_input_is_explained_next_to_the_field_and_kept(client, site_tree, smtp_server):
    response = client.post(SUBSCRIBE_URL, {"email": "ana@", "name": "Ana Quispe", "language": "es"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address like name@example.org." in body
    assert 'id="subscribe-page-email_error"' in body
    assert 'aria-describedby="subscribe-page-email_error"' in body
    assert 'value="ana@"' in body
    assert 'value="Ana Quispe"' in body
    assert Subscriber.objects.count() == 0
    assert smtp_server.messages == []


def test_signing_up_twice_resends_without_duplicating_or_revealing(client, site_tree, smtp_server):
    first = sign_up(client)
    second = sign_up(client, email="ANA@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Subscriber.objects.filter(email="ana@example.org").count() == 1
    assert len(smtp_server.wait_for(2)) == 2
    # Both links confirm the same pending sign-up.
    client.post(path_of(confirm_link(smtp_server.messages[0])))
    assert Subscriber.objects.get().status == SubscriberStatus.SUBSCRIBED


def test_signing_up_when_already_subscribed_sends_nothing_and_looks_the_same(
    client, site_tree, smtp_server, make_subscriber
):
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.SUBSCRIBED, name="Ana")
    events_before = subscriber.consent_events.count()
    response = sign_up(client, name="Someone Else")
    assert response.status_code == 302
    assert response["Location"] == reverse("subscribers:check_email")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert subscriber.name == "Ana"
    assert subscriber.consent_events.count() == events_before
    assert smtp_server.messages == []


def test_unsubscribed_reader_needs_a_new_confirmation_to_return(
    client, site_tree, smtp_server, make_subscriber
):
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.UNSUBSCRIBED)
    sign_up(client)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert not Subscriber.objects.receiving().exists()
    [message] = smtp_server.wait_for(1)
    client.post(path_of(confirm_link(message)))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED


def test_honeypot_sign_up_looks_accepted_but_stores_and_sends_nothing(client, site_tree, smtp_server):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("subscribers:check_email")
    assert Subscriber.objects.count() == 0
    assert smtp_server.messages == []


def test_one_connection_can_sign_up_only_five_addresses_in_ten_minutes(client, site_tree, smtp_server):
    for number in range(5):
        assert sign_up(client, email=f"bulk{number}@example.org").status_code == 302
    blocked = sign_up(client, email="bulk5@example.org")
    assert blocked.status_code == 429
    assert "Too many sign-ups" in blocked.content.decode()
    assert 'value="bulk5@example.org"' in blocked.content.decode()
    assert Subscriber.objects.count() == 5
    # Another address (another reader) is not affected.
    other = client.post(
        SUBSCRIBE_URL,
        {"email": "other@example.org", "language": "en", "website": ""},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302
    assert Subscriber.objects.filter(email="other@example.org").exists()


def test_one_address_gets_at_most_three_confirmation_emails_an_hour(client, site_tree, smtp_server):
    for number in range(4):
        response = client.post(
            SUBSCRIBE_URL,
            {"email": "ana@example.org", "language": "en", "website": ""},
            REMOTE_ADDR=f"10.0.0.{number + 1}",
        )
        assert response.status_code == 302
    assert len(smtp_server.messages_to("ana@example.org")) == 3
    ratelimit.counters().clear()  # the hour has passed
    sign_up(client)
    assert len(smtp_server.messages_to("ana@example.org")) == 4


@pytest.mark.parametrize(
    "token",
    ["not-a-token", links.signing.Signer(salt="some.other.salt").sign_object([1, "ana@example.org"])],
)
def test_forged_confirmation_links_are_refused(client, site_tree, make_subscriber, token):
    make_subscriber("ana@example.org", SubscriberStatus.PENDING)
    for method in (client.get, client.post):
        response = method(f"/subscribe/confirm/{token}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_confirmation_link_for_another_address_with_the_same_id_is_refused(
    client, site_tree, make_subscriber
):
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.PENDING)
    url = links.confirm_url(subscriber)
    subscriber.delete()
    make_subscriber("other@example.org", SubscriberStatus.PENDING)
    response = client.post(path_of(url))
    assert response.status_code == 404
    assert not ConsentEvent.objects.filter(cause=ConsentCause.CONFIRMED).exists()


def test_expired_confirmation_link_is_refused(client, site_tree, make_subscriber, time_machine):
    time_machine.move_to("2026-01-01 12:00Z")
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.PENDING)
    path = path_of(links.confirm_url(subscriber))
    time_machine.move_to("2026-01-08 12:01Z")
    response = client.post(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_confirm_link_after_unsubscribing_does_not_resubscribe(client, site_tree, make_subscriber):
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.PENDING)
    path = path_of(links.confirm_url(subscriber))
    client.post(path)
    client.post(path_of(links.unsubscribe_url(subscriber)))
    response = client.post(path)
    assert response.status_code == 200
    assert "no longer waiting" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_confirmation_email_failure_does_not_lose_the_sign_up(client, site_tree, smtp_server):
    smtp_server.reject_recipient("ana@example.org")
    response = sign_up(client)
    assert response.status_code == 302
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    assert smtp_server.messages == []


def test_one_form_on_home_and_news_item_in_the_pages_language(client, site_tree):
    home = client.get("/").content.decode()
    assert 'id="subscribe-home-heading"' in home
    assert home.count('class="subscribe-form ') == 1
    assert 'href="/subscribe/"' in home  # the footer links to the sign-up page instead
    assert re.search(r'value="en"[^>]*id="subscribe-home-language_0" checked', home)

    spanish_home = client.get("/es/").content.decode()
    assert 'action="/es/subscribe/"' in spanish_home
    assert re.search(r'value="es"[^>]*id="subscribe-home-language_1" checked', spanish_home)

    index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    item = NewsItemPage(
        title="Road blockade in Puno", slug="road-blockade", date=datetime.date(2026, 11, 2), lede="A lede."
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    article = client.get(item.url).content.decode()
    assert 'id="subscribe-article-heading"' in article
    assert article.count('class="subscribe-form ') == 1
    assert f'name="source" value="{item.url}"' in article


def test_the_confirmation_email_never_repeats_the_typed_name(client, charity, smtp_server):
    spam = "Win a prize at http://spam.example.net <b>now</b>"
    sign_up(client, name=spam)

    [message] = smtp_server.wait_for(1)
    for body in (text_body(message), html_body(message), message["Subject"]):
        assert "prize" not in body
        assert "spam.example.net" not in body
    assert text_body(message).startswith("Hello,")


@pytest.mark.parametrize("status", [SubscriberStatus.COMPLAINED, SubscriberStatus.BOUNCED])
def test_an_address_that_complained_or_bounced_gets_no_email_and_the_same_answer(
    client, site_tree, smtp_server, make_subscriber, status
):
    subscriber = make_subscriber("ana@example.org", status)
    events_before = subscriber.consent_events.count()

    response = sign_up(client)
    unknown = sign_up(client, email="someone-new@example.org")

    assert response.status_code == unknown.status_code == 302
    assert response["Location"] == unknown["Location"] == reverse("subscribers:check_email")
    smtp_server.wait_for(1)  # the new address's confirmation
    assert [message["To"] for message in smtp_server.messages] == ["someone-new@example.org"]
    subscriber.refresh_from_db()
    assert subscriber.status == status
    assert subscriber.consent_events.count() == events_before
