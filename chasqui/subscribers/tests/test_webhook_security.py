"""Forged bounces and complaints change nobody: without a secret the webhook refuses everything,
only the configured provider's webhook exists, and `check --deploy` fails until it is secured."""

import base64
import json
import re

import pytest
from anymail import urls as anymail_urls
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from chasqui.core.checks import check_mail_provider_webhook
from chasqui.subscribers.choices import SubscriberStatus

from .test_bounce_webhooks import postmark_bounce

pytestmark = pytest.mark.django_db

SECRET = "hook-user:hook-password"


def basic_auth(secret):
    return "Basic " + base64.b64encode(secret.encode()).decode()


def post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def every_anymail_path():
    """One concrete path for each of anymail's URL patterns (mailgun's regex included)."""
    for pattern in anymail_urls.urlpatterns:
        route = str(pattern.pattern)
        if route.startswith("^"):
            route = re.sub(r"\(.*?\)\?", "", route).strip("^$")
        yield "/anymail/" + route


def answer(client, path):
    """The status an authenticated post of an empty event list gets."""
    return post(client, path, {}, HTTP_AUTHORIZATION=basic_auth(SECRET)).status_code


@pytest.fixture
def postmark(settings):
    settings.CHASQUI_MAIL_PROVIDER = "postmark"
    settings.MAILERS = {"default": {"BACKEND": "anymail.backends.postmark.EmailBackend"}}
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    return settings


@pytest.mark.parametrize("auth", [None, basic_auth("anyone:anything"), basic_auth(":")])
def test_without_a_secret_the_webhook_refuses_every_post(client, postmark, make_subscriber, auth):
    subscriber = make_subscriber("reader@example.org", SubscriberStatus.SUBSCRIBED)
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    payload = postmark_bounce("reader@example.org", bounce_type="SpamComplaint", record_type="SpamComplaint")
    response = post(client, "/anymail/postmark/tracking/", payload, **headers)
    assert response.status_code in (401, 403)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert not subscriber.consent_events.exclude(cause="sign_up").filter(to_status="complained").exists()


@pytest.mark.parametrize("auth", [None, basic_auth("hook-user:wrong")])
def test_with_a_secret_a_forged_post_is_refused(client, postmark, make_subscriber, auth):
    postmark.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    subscriber = make_subscriber("reader@example.org", SubscriberStatus.SUBSCRIBED)
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    response = post(client, "/anymail/postmark/tracking/", postmark_bounce("reader@example.org"), **headers)
    assert 400 <= response.status_code < 500
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED


def test_with_the_secret_the_configured_provider_is_heard(client, postmark, make_subscriber):
    postmark.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    subscriber = make_subscriber("gone@example.org", SubscriberStatus.SUBSCRIBED)
    response = post(
        client,
        "/anymail/postmark/tracking/",
        postmark_bounce("gone@example.org"),
        HTTP_AUTHORIZATION=basic_auth(SECRET),
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.BOUNCED


def test_every_other_anymail_url_is_not_found(client, postmark):
    postmark.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    paths = list(every_anymail_path())
    assert len(paths) == 27
    answers = {path: answer(client, path) for path in paths}
    assert answers.pop("/anymail/postmark/tracking/") == 200
    assert set(answers.values()) == {404}, answers


def test_without_a_provider_no_anymail_url_exists(client, settings):
    settings.CHASQUI_MAIL_PROVIDER = ""
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    answers = {answer(client, path) for path in every_anymail_path()}
    assert answers == {404}


def test_sendgrid_backend_routes_only_sendgrid(client, settings):
    settings.CHASQUI_MAIL_PROVIDER = "sendgrid"
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    assert post(client, "/anymail/sendgrid/tracking/", []).status_code in (401, 403)
    assert post(client, "/anymail/postmark/tracking/", []).status_code == 404


def deploy_errors():
    return [message for message in check_mail_provider_webhook() if message.level >= checks.ERROR]


def test_deploy_check_fails_for_a_provider_without_a_secret(postmark):
    (error,) = deploy_errors()
    assert error.id == "chasqui.E002"
    assert "ANYMAIL_WEBHOOK_SECRET" in error.hint
    with pytest.raises(SystemCheckError, match="chasqui.E002"):
        call_command("check", "--deploy", "--tag", "chasqui")


def test_deploy_check_passes_with_a_secret(postmark):
    postmark.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    assert deploy_errors() == []


def test_deploy_check_names_a_provider_key_still_missing(settings):
    settings.CHASQUI_MAIL_PROVIDER = "mailgun"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    (error,) = deploy_errors()
    assert error.id == "chasqui.E003"
    assert "WEBHOOK_SIGNING_KEY" in error.msg


def test_deploy_check_fails_for_an_unknown_provider(settings):
    settings.CHASQUI_MAIL_PROVIDER = "pigeon"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    assert [error.id for error in deploy_errors()] == ["chasqui.E001"]


def test_smtp_needs_no_webhook(settings):
    settings.CHASQUI_MAIL_PROVIDER = ""
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    assert deploy_errors() == []
