"""Answers a write to the API (POST, PUT, PATCH, DELETE, or TRACE) with the API's own 405, before CSRF.

Django's CSRF check runs before any page is served, so without this a program's POST to the API
would get the site's HTML 403 page instead of a JSON error. Skipping CSRF here is safe: the API
writes nothing, reads no cookie or credential and answers these methods only with the 405 below,
so a forged request has nothing to gain. Listed just before CsrfViewMiddleware; every other
address, and every other page under the incidents index, keeps the CSRF check.
"""

from wagtail.models import Page

from chasqui.core import routing

from .http import ALLOWED_METHODS, method_not_allowed
from .routes import ApiRoutesMixin


def is_api_request(request, path):
    """Whether `path` is served by an incidents index's API routes. Routes only paths with an `api` part."""
    if "api" not in path.split("/"):
        return False
    route_result = Page.route_for_request(request, path)
    if route_result is None or not isinstance(route_result[0], ApiRoutesMixin):
        return False
    match = getattr(request, "routable_resolver_match", None)
    return match is not None and (match.url_name or "").startswith("api_")


class ReadOnlyApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in ALLOWED_METHODS or view_func is not routing.serve:
            return None  # the API's own view answers these, or it is not a page at all
        path = view_args[0] if view_args else view_kwargs.get("path", "")  # Wagtail's pattern is unnamed
        if is_api_request(request, path):
            return method_not_allowed()
        return None
