"""The shared loopback SMTP server behaves like a mail server, including when told to refuse."""

import smtplib

import pytest
from django.core.mail import EmailMessage

from chasqui.core.testing.smtp import text_body


def test_messages_sent_through_the_default_mailer_arrive(smtp_server):
    sent = EmailMessage("Hola", "Cuerpo del mensaje", "from@example.org", ["to@example.org"]).send()
    assert sent == 1
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Hola"
    assert text_body(message).strip() == "Cuerpo del mensaje"
    assert smtp_server.envelopes == [("from@example.org", ["to@example.org"])]


def test_refusals_reach_the_sender(smtp_server):
    smtp_server.reject_recipient("nobody@example.org")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        EmailMessage("x", "y", "from@example.org", ["nobody@example.org"]).send()

    smtp_server.fail_next(1)
    with pytest.raises(smtplib.SMTPDataError):
        EmailMessage("x", "y", "from@example.org", ["someone@example.org"]).send()
    assert EmailMessage("x", "y", "from@example.org", ["someone@example.org"]).send() == 1
    assert len(smtp_server.messages) == 1
