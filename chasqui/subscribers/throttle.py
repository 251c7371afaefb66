"""Cache-based limits on the sign-up form, so a script cannot add addresses in bulk."""

from django.conf import settings

from chasqui.core import ratelimit

SIGN_UPS_PER_IP = getattr(settings, "CHASQUI_SUBSCRIBE_RATE_PER_IP", 5)
SIGN_UP_WINDOW_SECONDS = getattr(settings, "CHASQUI_SUBSCRIBE_RATE_WINDOW", 10 * 60)


def allow_sign_up(request):
    """Counts this attempt; False once the address has used up its sign-ups for the window."""
    return ratelimit.hit(f"sign-ups:{ratelimit.client_ip(request)}", SIGN_UPS_PER_IP, SIGN_UP_WINDOW_SECONDS)
