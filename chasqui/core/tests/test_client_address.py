"""X-Forwarded-For and X-Forwarded-Proto count only when a configured proxy sent them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from chasqui.core import ratelimit
from chasqui.core.client_address import TrustedProxyMiddleware, client_address

ROOT = Path(__file__).resolve().parents[3]
PROXY = "10.0.0.2"


def request_from(peer, forwarded_for=None, **extra):
    headers = {"REMOTE_ADDR": peer, **extra}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy(settings):
    settings.CHASQUI_TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"


def test_forwarded_for_is_ignored_when_no_proxy_is_configured(settings):
    settings.CHASQUI_TRUSTED_PROXIES = []
    assert client_address(request_from("127.0.0.1", forwarded_for="198.51.100.1")) == "127.0.0.1"


def test_forwarded_for_is_honoured_from_a_trusted_proxy(settings):
    settings.CHASQUI_TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from(PROXY, forwarded_for="198.51.100.1")) == "198.51.100.1"


def test_trusted_proxies_may_be_networks_and_are_skipped_from_the_right(settings):
    settings.CHASQUI_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]
    request = request_from("10.0.0.9", forwarded_for="198.51.100.1, 2001:db8::5, 10.0.0.3")
    assert client_address(request) == "198.51.100.1"


def test_a_spoofed_left_most_entry_behind_a_trusted_proxy_does_not_help(settings):
    """The client sent "X-Forwarded-For: 192.0.2.66"; our proxy appended the address it really saw."""
    settings.CHASQUI_TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from(PROXY, forwarded_for="192.0.2.66, 198.51.100.1")) == "198.51.100.1"


def test_rate_limits_key_on_the_client_address(settings):
    settings.CHASQUI_TRUSTED_PROXIES = [PROXY]
    assert ratelimit.client_ip(request_from("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"
    assert ratelimit.client_ip(request_from(PROXY, forwarded_for="198.51.100.1")) == "198.51.100.1"


@pytest.mark.django_db
def test_a_sign_up_limit_cannot_be_dodged_by_sending_forwarded_for(client, settings):
    """Each request claims a new address; without a trusted proxy all count against the real one."""
    settings.CHASQUI_TRUSTED_PROXIES = []
    keys = set()
    for number in range(3):
        request = request_from("203.0.113.7", forwarded_for=f"198.51.100.{number}")
        keys.add(f"sign-ups:{ratelimit.client_ip(request)}")
    assert keys == {"sign-ups:203.0.113.7"}


def forwarded_proto_after_middleware(peer):
    request = request_from(peer, HTTP_X_FORWARDED_PROTO="https")
    TrustedProxyMiddleware(lambda request: None)(request)
    return request.META.get("HTTP_X_FORWARDED_PROTO")


def test_forwarded_proto_is_dropped_unless_a_trusted_proxy_sent_it(settings):
    settings.CHASQUI_TRUSTED_PROXIES = [PROXY]
    assert forwarded_proto_after_middleware("203.0.113.7") is None
    assert forwarded_proto_after_middleware(PROXY) == "https"


PROBE = """
import django
django.setup()
from django.test import Client
response = Client().get("/robots.txt", REMOTE_ADDR=os.environ["PEER"], HTTP_X_FORWARDED_PROTO="https")
print(response.status_code, response.headers.get("Location", ""))
"""


def production_response(tmp_path, peer, trusted_proxies=""):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chasqui.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "CHASQUI_VAR_DIR": str(tmp_path),
        "CHASQUI_TRUSTED_PROXIES": trusted_proxies,
        "PEER": peer,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import os\n" + PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr


def test_production_redirects_plain_http_that_claims_https_when_sent_straight_to_the_app(tmp_path):
    """granian reached directly: the client's own X-Forwarded-Proto must not skip the HTTPS redirect."""
    assert production_response(tmp_path, "203.0.113.7") == "301 https://testserver/robots.txt"
    assert (
        production_response(tmp_path, "203.0.113.7", trusted_proxies=PROXY)
        == "301 https://testserver/robots.txt"
    )


def test_production_believes_forwarded_proto_from_a_trusted_proxy(tmp_path):
    status_and_location = production_response(tmp_path, PROXY, trusted_proxies=PROXY)
    assert not status_and_location.startswith("301 https://"), status_and_location
