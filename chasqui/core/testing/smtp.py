"""A real SMTP server on loopback, so tests see exactly what Django's SMTP backend sends.

Use the `smtp_server` fixture (register this module with `pytest_plugins`, or import the
fixture into a conftest): it starts the server on a free port and points the default
mailer at it. `SMTPServer` also works on its own, e.g. in a script.
"""

import email
import socket
import threading
import time
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def free_port(host="127.0.0.1"):
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class _Handler:
    """aiosmtpd handler that stores each accepted message on the server."""

    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, smtp_server, session, envelope, address, rcpt_options):
        reply = self.server.reply_for_recipient(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp_server, session, envelope):
        reply = self.server.reply_for_data()
        if reply:
            return reply
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.server.record(envelope.mail_from, list(envelope.rcpt_tos), message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """Collects `email.message.EmailMessage` objects sent to 127.0.0.1:`port`.

    `reject_recipient(address)` makes the server refuse one recipient permanently (550);
    `fail_next(n, reply)` makes the next n messages fail at DATA (temporary 451 by default).
    """

    def __init__(self, host="127.0.0.1", port=None):
        self.host = host
        self.port = port or free_port(host)
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.rejected_recipients: dict[str, str] = {}
        self._failures_left = 0
        self._failure_reply = ""
        self._lock = threading.Lock()
        self._controller = None

    def start(self):
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # Behaviour switches for testing failures.

    def reject_recipient(self, address, reply="550 5.1.1 Mailbox does not exist"):
        self.rejected_recipients[address.lower()] = reply

    def fail_next(self, count=1, reply="451 4.3.0 Temporary failure, try again later"):
        with self._lock:
            self._failures_left = count
            self._failure_reply = reply

    def reply_for_recipient(self, address):
        return self.rejected_recipients.get(address.lower())

    def reply_for_data(self):
        with self._lock:
            if self._failures_left > 0:
                self._failures_left -= 1
                return self._failure_reply
        return None

    # What arrived.

    def record(self, mail_from, rcpt_tos, message):
        with self._lock:
            self.envelopes.append((mail_from, rcpt_tos))
            self.messages.append(message)

    def clear(self):
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()

    def messages_to(self, address):
        address = address.lower()
        return [m for m in self.messages if address in (m.get("To") or "").lower()]

    def wait_for(self, count=1, timeout=5.0):
        """Block until at least `count` messages arrived (mail may be sent from another thread)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.02)
        raise AssertionError(f"expected {count} message(s) within {timeout}s, got {len(self.messages)}")

    def mailer_settings(self):
        """A MAILERS entry for Django's SMTP backend pointing at this server."""
        return {
            "BACKEND": SMTP_BACKEND,
            "OPTIONS": {"host": self.host, "port": self.port, "use_tls": False, "timeout": 10},
        }


def text_body(message):
    """The plain-text part of a received message."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def html_body(message):
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part else ""


@pytest.fixture
def smtp_server(settings):
    """A running loopback SMTP server; the default mailer sends to it for the test's duration."""
    server = SMTPServer().start()
    settings.MAILERS = {**settings.MAILERS, "default": server.mailer_settings()}
    try:
        yield server
    finally:
        server.stop()
