"""Sending and scheduling first show what will go out (to how many, subject, sender, preview text,
when); only the POST from that page sends, and still only once."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Delivery

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailsnippets_newsletter_bulletin:{name}", args=args)


@pytest.fixture
def ready(bulletin_with_items, make_subscribers):
    make_subscribers(3)
    bulletin_with_items.preheader = "Mining law and the floods"
    bulletin_with_items.save()
    return bulletin_with_items


def text_of(response):
    return response.content.decode()


def test_the_send_page_links_to_a_confirmation_instead_of_sending(editor_client, ready, smtp_server):
    page = text_of(editor_client.get(url("send", ready.pk)))
    assert f'href="{url("send_now", ready.pk)}"' in page
    assert "Send to 3 subscribers now…" in page


@override_settings(DEFAULT_FROM_EMAIL="Chasqui <noreply@localhost>")
def test_the_confirmation_shows_what_will_be_sent_and_sends_nothing(editor_client, ready, smtp_server):
    for response in (
        editor_client.get(url("send_now", ready.pk)),
        editor_client.post(url("send_now", ready.pk)),
    ):
        assert response.status_code == 200
        html = text_of(response)
        assert 'data-confirm="recipients">3 subscribers' in html
        assert "Update 1: Congress debates mining law" in html
        assert "Peru Watch Trust &lt;office@example.org&gt;" in html
        assert "Mining law and the floods" in html
        assert "Floods in Piura" in html
        assert 'name="confirmed" value="yes"' in html
    ready.refresh_from_db()
    assert ready.status == BulletinStatus.DRAFT
    assert smtp_server.messages == []
    assert not Delivery.objects.exists()


def test_only_the_confirmed_post_sends_and_only_once(editor_client, ready, smtp_server):
    first = editor_client.post(url("send_now", ready.pk), {"confirmed": "yes"}, follow=True)
    again = editor_client.post(url("send_now", ready.pk), {"confirmed": "yes"}, follow=True)

    assert "is being sent" in text_of(first)
    assert "already being sent or has been sent" in text_of(again)
    assert len(smtp_server.messages) == 3


def test_scheduling_shows_what_and_when_before_it_is_scheduled(editor_client, ready):
    when = timezone.localtime() + datetime.timedelta(days=2)
    typed = when.strftime("%Y-%m-%dT%H:%M")

    response = editor_client.post(url("schedule", ready.pk), {"send_at": typed})

    html = text_of(response)
    assert response.status_code == 200
    assert when.strftime("%-d %B %Y %H:%M") in html
    assert "Update 1: Congress debates mining law" in html
    assert 'data-confirm="recipients">3 subscribers' in html
    assert f'value="{typed}"' in html
    ready.refresh_from_db()
    assert ready.status == BulletinStatus.DRAFT

    editor_client.post(url("schedule", ready.pk), {"send_at": typed, "confirmed": "yes"})
    ready.refresh_from_db()
    assert ready.status == BulletinStatus.SCHEDULED
    assert abs(ready.scheduled_for - when) < datetime.timedelta(minutes=1)
