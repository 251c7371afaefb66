"""Cache-based limits on the sign-up form, so a script cannot add addresses in bulk."""

from django.conf import settings
from django.core.cache import cache

SIGN_UPS_PER_IP = getattr(settings, "CHASQUI_SUBSCRIBE_RATE_PER_IP", 5)
SIGN_UP_WINDOW_SECONDS = getattr(settings, "CHASQUI_SUBSCRIBE_RATE_WINDOW", 10 * 60)


def client_ip(request):
    """The connecting address; a reverse proxy must pass the real one in REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow_sign_up(request):
    """Counts this attempt; False once the address has used up its sign-ups for the window."""
    key = f"subscribers:sign-ups:{client_ip(request)}"
    cache.add(key, 0, SIGN_UP_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, SIGN_UP_WINDOW_SECONDS)
        count = 1
    return count <= SIGN_UPS_PER_IP
