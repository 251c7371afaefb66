"""A bulletin's MIME message serialised once, then filled in per recipient.

Python's email package spends most of a message's cost parsing headers and encoding bodies.
Every copy of a bulletin differs only in its recipient, its unsubscribe links, its
Message-ID and Date, so the skeleton is serialised once with tokens in those places and each
copy is joined from the pieces, with the two bodies base64-encoded (in C) per recipient.
Django's SMTP backend sends what `message().as_bytes()` returns; other mailers (e.g. anymail)
read the message's ordinary attributes, which are set as usual.
"""

import base64
import email.policy
import re
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.utils import timezone

TO = "to-9f3c@recipient.invalid"
MESSAGE_ID = "<id-9f3c@skeleton.invalid>"
DATE = "Thu, 01 Jan 1970 00:00:00 -0000"
ONE_CLICK = "https://one-click.invalid/9f3c"
TEXT_BODY = "TEXTBODY9f3c"
HTML_BODY = "HTMLBODY9f3c"
SEVEN_BIT = rb"Content-Transfer-Encoding: 7bit\r\n"
BASE64 = b"Content-Transfer-Encoding: base64\r\n"


def encode_body(text):
    """Base64 of the text in canonical form (CRLF line ends), as RFC 2045 asks of text parts."""
    text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"  # as the email package does
    canonical = text.replace("\n", "\r\n").encode("utf-8")
    return base64.encodebytes(canonical).replace(b"\n", b"\r\n").rstrip(b"\r\n")


class SerialisedMessage:
    """Stands in for email.message.EmailMessage where Django's SMTP backend only needs the bytes."""

    def __init__(self, data):
        self.data = data

    def as_bytes(self, *args, **kwargs):
        return self.data


class PrebuiltMessage(EmailMultiAlternatives):
    """A normal message that, for SMTP, is serialised from its bulletin's MimeTemplate."""

    def __init__(self, *args, template, html, one_click=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.template, self.html, self.one_click = template, html, one_click
        self.attach_alternative(html, "text/html")

    def message(self, *, policy=email.policy.default):
        if policy is email.policy.SMTP:
            return SerialisedMessage(self.template.render(self.to[0], self.body, self.html, self.one_click))
        return super().message(policy=policy)


class MimeTemplate:
    """The skeleton's bytes split around tokens; None from build() if the skeleton is not as expected."""

    def __init__(self, pieces):
        self.pieces = pieces

    @classmethod
    def build(cls, subject, from_email, reply_to, one_click_header):
        skeleton = EmailMultiAlternatives(
            subject=subject,
            body=TEXT_BODY,
            from_email=from_email,
            to=[TO],
            reply_to=reply_to,
            headers={
                "Date": DATE,
                "Message-ID": MESSAGE_ID,
                **(
                    {
                        "List-Unsubscribe": f"<{ONE_CLICK}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    }
                    if one_click_header
                    else {}
                ),
            },
        )
        skeleton.attach_alternative(HTML_BODY, "text/html")
        data = skeleton.message(policy=email.policy.SMTP).as_bytes()
        for token in (TEXT_BODY, HTML_BODY):
            # The part's headers (and only they) sit between its transfer encoding and its body.
            part = re.compile(
                SEVEN_BIT + rb"((?:[!-~][^\r\n]*\r\n)*)\r\n" + re.escape(token.encode()) + rb"\r\n"
            )
            data, count = part.subn(
                lambda match, token=token: BASE64 + match[1] + b"\r\n" + token.encode() + b"\r\n", data
            )
            if count != 1:
                return None
        tokens = [TO, MESSAGE_ID, DATE, TEXT_BODY, HTML_BODY] + ([ONE_CLICK] if one_click_header else [])
        if any(data.count(token.encode()) != 1 for token in tokens):
            return None
        pattern = re.compile(b"(" + b"|".join(re.escape(token.encode()) for token in tokens) + b")")
        pieces = [
            piece.decode("ascii") if pattern.fullmatch(piece) else piece for piece in pattern.split(data)
        ]
        return cls(pieces)

    def render(self, to, text, html, one_click=None):
        """The bytes of one copy; `to` must be an ASCII address."""
        values = {
            TO: to.encode("ascii"),
            MESSAGE_ID: make_msgid(domain=DNS_NAME).encode("ascii"),
            DATE: format_datetime(
                timezone.localtime() if settings.EMAIL_USE_LOCALTIME else timezone.now()
            ).encode(),
            TEXT_BODY: encode_body(text),
            HTML_BODY: encode_body(html),
            ONE_CLICK: (one_click or "").encode("ascii"),
        }
        return b"".join(values[piece] if isinstance(piece, str) else piece for piece in self.pieces)
