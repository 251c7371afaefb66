"""Who is on the other end of a request, and whether a proxy's word about it can be believed.

A reverse proxy (nginx, a load balancer) connects from its own address and says who the client
is in `X-Forwarded-For`, and whether the client used HTTPS in `X-Forwarded-Proto`. Anyone can
send those headers, so they count only when the connection comes from an address listed in
`CHASQUI_TRUSTED_PROXIES`. Every rate limit and the admin's sign-in throttling key on
`client_address(request)`, so none of them can be dodged by sending the header directly.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"


@lru_cache(maxsize=8)
def _networks(configured):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in configured if entry)


def trusted_proxies():
    """The configured proxy networks; `CHASQUI_TRUSTED_PROXIES` may be a list or a comma-separated string."""
    configured = getattr(settings, "CHASQUI_TRUSTED_PROXIES", ())
    if isinstance(configured, str):
        configured = configured.split(",")
    return _networks(tuple(entry.strip() for entry in configured))


def parse_address(text):
    """An `ipaddress` object for `text`, or None when it is not an address at all."""
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(text):
    address = parse_address(text or "")
    return address is not None and any(address in network for network in trusted_proxies())


def client_address(request):
    """The client's address: the peer's, or behind trusted proxies the right-most untrusted hop.

    Each proxy appends the address it heard from, so entries to the right were written by our
    own proxies and the left-most may be anything the client chose to send: walking from the
    right and stopping at the first address that is not a trusted proxy gives the real client.
    """
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(peer):
        return peer or "unknown"
    hops = [hop.strip() for hop in request.META.get(FORWARDED_FOR, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if parse_address(hop) is None:
            break  # garbage before our own proxies: the nearest trusted hop is all we know
        if not is_trusted_proxy(hop):
            return hop
        peer = hop
    return peer


class TrustedProxyMiddleware:
    """Drops `X-Forwarded-Proto` unless a trusted proxy sent it.

    Production trusts that header through `SECURE_PROXY_SSL_HEADER` (so a proxy that ends TLS
    can say the request was HTTPS); without this, a plain-HTTP request straight to the
    application server could claim to be HTTPS and skip the redirect and secure cookies.
    Place it first, before `SecurityMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FORWARDED_PROTO in request.META and not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            del request.META[FORWARDED_PROTO]
        return self.get_response(request)


def client_address_or_none(request):
    """The client's address for a database column of addresses (sign-in throttling's records):
    None when the request carries none, as a test client's `force_login` or a shell does."""
    address = client_address(request)
    return address if parse_address(address) is not None else None
