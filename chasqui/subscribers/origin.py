"""Whether a browser's post came from one of our own pages, told by the headers browsers add to it.

Used where a form takes no CSRF token (the bulletin sign-up, on every cached page). A client that sends
neither header (an old browser, a script) is let through: what it can do is limited another way.
"""

from django.conf import settings

SAME_SITE_FETCHES = ("same-origin", "none")


def same_origin(request):
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site and fetch_site not in SAME_SITE_FETCHES:
        return False
    sent = request.META.get("HTTP_ORIGIN")
    if sent is None:
        return True
    return sent in (f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS)
