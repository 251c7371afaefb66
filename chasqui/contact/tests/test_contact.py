"""The contact form: the message to the organisation, a copy to the sender, and the spam guards."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from chasqui.core.mail import site_settings

DATA = {"name": "Rosa Quispe", "email": "rosa@example.org", "subject": "Hello", "message": "A question."}


@pytest.fixture
def organisation(db):
    cache.clear()
    settings_for_site = site_settings()
    settings_for_site.email = "info@charity.example"
    settings_for_site.charity_number = "1234567"
    settings_for_site.save()
    return settings_for_site


def test_a_message_goes_to_the_organisation_with_a_copy_to_the_sender(client, organisation):
    page = client.get(reverse("contact:form"))
    assert page.status_code == 200
    assert 'for="id_message"' in page.content.decode()
    response = client.post(reverse("contact:form"), DATA)
    assert response.url == reverse("contact:sent")
    to_organisation, copy = mail.outbox
    assert to_organisation.to == ["info@charity.example"]
    assert to_organisation.reply_to == ["rosa@example.org"]
    assert "A question." in to_organisation.body
    assert "Hello" in to_organisation.subject
    assert copy.to == ["rosa@example.org"]
    assert "A question." in copy.body
    assert "text/html" in [mimetype for _, mimetype in copy.alternatives]


def test_errors_are_summarised(client, organisation):
    response = client.post(reverse("contact:form"), {**DATA, "message": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert 'href="#id_message"' in response.content.decode()
    assert mail.outbox == []


def test_the_honeypot_sends_nothing(client, organisation):
    response = client.post(reverse("contact:form"), {**DATA, "website": "spam"})
    assert response.url == reverse("contact:sent")
    assert mail.outbox == []


def test_messages_are_rate_limited(client, organisation):
    for _ in range(5):
        client.post(reverse("contact:form"), DATA)
    assert client.post(reverse("contact:form"), DATA).status_code == 429
    assert len(mail.outbox) == 10


def test_the_spanish_page(client, organisation):
    assert client.get("/es/write-to-us/").status_code == 200
