"""The sign-up box sits on cached pages, so it carries no CSRF token: a post from anywhere can only
ask for a confirmation email, and a browser's post from another site is refused."""

import pytest
from django.test import Client

from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db

DATA = {"email": "ana@example.org", "name": "Ana", "language": "en", "website": ""}


@pytest.fixture
def strict_client():
    """A client that checks CSRF tokens as a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def test_the_box_on_every_page_has_no_token_and_sets_no_cookie(strict_client, site_tree):
    response = strict_client.get("/")
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_a_post_without_a_token_only_starts_a_double_opt_in(strict_client, site_tree, smtp_server):
    response = strict_client.post("/subscribe/", DATA, headers={"origin": "http://testserver"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert not Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()
    smtp_server.wait_for(1)


@pytest.mark.parametrize(
    "headers",
    [{"origin": "https://elsewhere.example"}, {"sec-fetch-site": "cross-site"}, {"origin": "null"}],
    ids=["other-origin", "cross-site-fetch", "opaque-origin"],
)
def test_a_browser_post_from_another_site_is_refused(strict_client, site_tree, headers):
    response = strict_client.post("/subscribe/", DATA, headers=headers)
    assert response.status_code == 403
    assert not Subscriber.objects.filter(email="ana@example.org").exists()
