"""The once-serialised bulletin copy must be the message Django itself would have built."""

import email
import email.policy

import pytest
from django.core.mail import EmailMultiAlternatives

from chasqui.newsletter.content import render_bulletin_email
from chasqui.newsletter.mime import PrebuiltMessage

pytestmark = pytest.mark.django_db

HEADERS = ["Subject", "From", "To", "Reply-To", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version"]


def parse(data):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_prebuilt_copy_equals_djangos_own_serialisation(bulletin_with_items):
    bulletin_with_items.number = 7
    bulletin_with_items.language = "es"
    bulletin_with_items.introduction = "<p>Semana difícil en el Perú: ñandú, acción, «comillas».</p>"
    bulletin_with_items.save()
    rendered = render_bulletin_email(bulletin_with_items)
    message = rendered.message(
        "lectora@example.net",
        "https://example.org/es/baja/abc:123/",
        "https://example.org/es/baja/abc:123/one/",
    )
    assert isinstance(message, PrebuiltMessage)

    fast = parse(message.message(policy=email.policy.SMTP).as_bytes())
    slow = parse(EmailMultiAlternatives.message(message, policy=email.policy.SMTP).as_bytes())

    for header in HEADERS:
        assert fast[header] == slow[header], header
    assert (
        fast["Subject"] == "Boletín 7: Congress debates mining law"
    )  # a Spanish bulletin is titled in Spanish
    assert fast["Message-ID"]
    assert fast["Date"]
    for kind in ("plain", "html"):
        assert fast.get_body((kind,)).get_content() == slow.get_body((kind,)).get_content()
    assert "Semana difícil en el Perú" in fast.get_body(("html",)).get_content()
    assert "https://example.org/es/baja/abc:123/" in fast.get_body(("plain",)).get_content()
    assert not fast.defects
    assert all(not part.defects for part in fast.walk())
    assert all(
        len(line) <= 998 for line in message.message(policy=email.policy.SMTP).as_bytes().split(b"\r\n")
    )


def test_each_copy_gets_its_own_message_id(bulletin_with_items):
    rendered = render_bulletin_email(bulletin_with_items)
    first = parse(
        rendered.message("a@example.net", "https://x.org/u/1").message(policy=email.policy.SMTP).as_bytes()
    )
    second = parse(
        rendered.message("b@example.net", "https://x.org/u/2").message(policy=email.policy.SMTP).as_bytes()
    )
    assert first["Message-ID"] != second["Message-ID"]
    assert first["To"] == "a@example.net"
    assert second["To"] == "b@example.net"
    assert "List-Unsubscribe" not in first


def test_non_ascii_address_uses_djangos_own_message(bulletin_with_items):
    rendered = render_bulletin_email(bulletin_with_items)
    message = rendered.message("lector@perú.example", "https://x.org/u/1", "https://x.org/u/1/one/")
    assert not isinstance(message, PrebuiltMessage)
    assert "xn--" in message.message(policy=email.policy.SMTP)["To"]
