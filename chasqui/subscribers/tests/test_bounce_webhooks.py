"""The mail provider's bounce and complaint webhooks, through django-anymail, stop further mail."""

import base64
import json

import pytest

from chasqui.subscribers.choices import ConsentCause, SubscriberStatus

pytestmark = pytest.mark.django_db

WEBHOOK_URL = "/anymail/postmark/tracking/"
SECRET = "hook-user:hook-password"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.CHASQUI_MAIL_PROVIDER = "postmark"
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


def post_webhook(client, payload, secret=SECRET):
    auth = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(
        WEBHOOK_URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth
    )


def postmark_bounce(email, bounce_type="HardBounce", record_type="Bounce"):
    """Shaped like Postmark's documented bounce webhook body."""
    return {
        "RecordType": record_type,
        "MessageStream": "broadcast",
        "ID": 4323372036854775807,
        "Type": bounce_type,
        "TypeCode": 1 if bounce_type == "HardBounce" else 512,
        "Name": "Hard bounce" if bounce_type == "HardBounce" else "Spam complaint",
        "Tag": "bulletin",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "bulletin@example.org",
        "BouncedAt": "2026-11-20T16:33:54.9070259Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Weekly bulletin",
    }


def test_hard_bounce_marks_the_address_bounced(client, make_subscriber):
    subscriber = make_subscriber("gone@example.org", SubscriberStatus.SUBSCRIBED)
    response = post_webhook(client, postmark_bounce("Gone@example.org"))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.BOUNCED
    last = subscriber.consent_events.last()
    assert (last.from_status, last.to_status, last.cause) == (
        SubscriberStatus.SUBSCRIBED,
        SubscriberStatus.BOUNCED,
        ConsentCause.BOUNCE,
    )
    assert "Postmark" in last.detail


def test_spam_complaint_marks_the_address_complained(client, make_subscriber):
    subscriber = make_subscriber("angry@example.org", SubscriberStatus.UNSUBSCRIBED)
    payload = postmark_bounce("angry@example.org", bounce_type="SpamComplaint", record_type="SpamComplaint")
    assert post_webhook(client, payload).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.COMPLAINED
    assert subscriber.consent_events.last().cause == ConsentCause.COMPLAINT


def test_provider_unsubscribe_is_recorded(client, make_subscriber):
    subscriber = make_subscriber("leaver@example.org", SubscriberStatus.SUBSCRIBED)
    payload = {
        "RecordType": "SubscriptionChange",
        "MessageID": "a4909a96-73e6-4c2d-b7a4-ac3bb4c73d6d",
        "ServerID": 23,
        "MessageStream": "broadcast",
        "ChangedAt": "2026-11-20T10:53:34.416071Z",
        "Recipient": "leaver@example.org",
        "Origin": "Recipient",
        "SuppressSending": True,
        "SuppressionReason": "ManualSuppression",
        "Tag": "bulletin",
        "Metadata": {},
    }
    assert post_webhook(client, payload).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.consent_events.last().cause == ConsentCause.PROVIDER_UNSUBSCRIBE


def test_bounce_does_not_override_a_complaint_and_repeats_are_ignored(client, make_subscriber):
    subscriber = make_subscriber("angry@example.org", SubscriberStatus.COMPLAINED)
    post_webhook(client, postmark_bounce("angry@example.org"))
    post_webhook(client, postmark_bounce("angry@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.COMPLAINED
    assert subscriber.consent_events.count() == 1


def test_unknown_address_is_ignored(client, make_subscriber):
    assert post_webhook(client, postmark_bounce("stranger@example.org")).status_code == 200


def test_webhook_without_the_secret_is_refused(client, make_subscriber):
    subscriber = make_subscriber("gone@example.org", SubscriberStatus.SUBSCRIBED)
    response = post_webhook(client, postmark_bounce("gone@example.org"), secret="hook-user:wrong")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
