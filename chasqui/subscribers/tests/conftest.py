import re

import pytest

from chasqui.core.testing import smtp
from chasqui.core.testing.smtp import text_body
from chasqui.subscribers import services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus

# The loopback SMTP server, for every test here.
smtp_server = smtp.smtp_server

CONFIRM_LINK = re.compile(r"https?://\S+/subscribe/confirm/[^/\s]+/")


def confirm_link(message):
    """The confirmation link from a received email's plain-text part."""
    match = CONFIRM_LINK.search(text_body(message))
    assert match, f"no confirmation link in:\n{text_body(message)}"
    return match.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def make_subscriber(db):
    """A subscriber in the given status, arrived the way an import would bring them."""

    def make(email="reader@example.org", status=SubscriberStatus.SUBSCRIBED, name="", language="en"):
        subscriber = services.Subscriber(email=email, name=name, language=language)
        return services.change_status(subscriber, status, ConsentCause.IMPORT)

    return make
