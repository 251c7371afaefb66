"""Links between the secretary's pages."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def member_url(view_name, member):
    return reverse(f"member:{view_name}", args=(quote(member.pk),))


def safe_next(request, fallback):
    """The `next` address given with the request when it is on this site, else `fallback`."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback
