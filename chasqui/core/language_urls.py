"""Where the page being viewed lives in each language, for the switcher, hreflang and canonical URLs."""

from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from .menus import current_language, home_url


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def route_suffix(page_url, request):
    """The path below a routable page (/news/topic/mining/ below /news/), the same in every language."""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _page_language_urls(page, request):
    """Paths of the live translations of `page` by language code: one query."""
    own_url = page.get_url(request)
    if not own_url:
        return {}
    suffix = route_suffix(own_url, request)
    urls = {current_language(): own_url + suffix}
    translations = page.get_translations(inclusive=False).live().select_related("locale")
    for other in translations:
        url = other.get_url(request)
        if url:
            urls[other.locale.language_code] = url + suffix
    return urls


def _view_language_urls(request):
    """For views outside the page tree (search), the same path reversed in each language."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        return {}
    return {code: translate_url(request.path, code) for code in language_codes()}


def language_versions_for(page, request):
    """Every interface language with the URL of `page` (or the view) in it, if it exists.

    `exists` is false when there is no translation: the switcher then points at
    that language's home page and no hreflang alternate is given. The switcher
    keeps the query string, so filters and searches survive a change of language.
    """
    if isinstance(page, Page) and request is not None:
        urls = _page_language_urls(page, request)
    elif request is not None:
        urls = _view_language_urls(request)
    else:
        urls = {}
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = current_language()
    versions = []
    for code, name in settings.LANGUAGES:
        exists = code in urls
        path = urls[code] if exists else home_url(request, code)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": f"{path}?{query}" if exists and query else path,
                "absolute_url": request.build_absolute_uri(path) if request is not None else path,
                "exists": exists,
                "current": code == current,
            }
        )
    return versions
