"""Browser security headers that Django does not send itself (docs/security.md).

Django's ContentSecurityPolicyMiddleware gives the public site and the members' area the strict
SECURE_CSP. The Wagtail admin runs inline scripts and styles of its own, so its pages get the looser
CHASQUI_ADMIN_CSP instead; that policy carries no nonce, because a browser ignores 'unsafe-inline'
wherever a nonce is allowed.
"""

from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP, build_policy


@cache
def admin_prefix():
    """The admin's address prefix ("/admin/"), looked up once: the URL configuration does not change."""
    return reverse("wagtailadmin_home")


def permissions_policy(features):
    """`{"camera": [], "fullscreen": ["self"]}` as `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response, and the admin's own Content Security Policy.

    Listed after ContentSecurityPolicyMiddleware, so it sees the response first: a policy already
    on the response is one Django's middleware leaves alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.CHASQUI_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if settings.CHASQUI_ADMIN_CSP and request.path_info.startswith(admin_prefix()):
            # A plain str: WSGI servers refuse header names of any other type, StrEnum included.
            response.headers.setdefault(str(CSP.HEADER_ENFORCE), build_policy(settings.CHASQUI_ADMIN_CSP))
        return response
