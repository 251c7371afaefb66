"""Where the page being viewed lives in each language, for the switcher, hreflang and canonical URLs."""

from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from .menus import current_language, home_url


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def route_suffix(page_url, request):
    """The path below a routable page (/news/topic/mining/ below /news/)."""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _suffix_in(page, suffix, language_code):
    """The route below `page` in another language: a page whose routes have words in each language
    (the news index's topic/tema) says so with `translate_route`; otherwise the route is the same."""
    translate = getattr(page, "translate_route", None)
    return translate(suffix, language_code) if translate is not None and suffix else suffix


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
            code = other.locale.language_code
            urls[code] = url + _suffix_in(page, suffix, code)
    return urls


def nearest_translated_sections(page, language_codes, request):
    """For each language in `language_codes`, the deepest live translation of one of `page`'s
    ancestors (the Spanish news index for an English item with no Spanish version): {code: page}.

    One query; the site's root (depth 1) is no section.
    """
    steplen = page.steplen
    ancestor_paths = [page.path[:end] for end in range(2 * steplen, len(page.path), steplen)]
    if not ancestor_paths or not language_codes:
        return {}
    keys = Page.objects.filter(path__in=ancestor_paths).values("translation_key")
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code__in=language_codes)
        .select_related("locale")
        .order_by("depth")
    )
    sections = {}
    for candidate in candidates:  # deeper ones come later and win
        if candidate.get_url(request):
            sections[candidate.locale.language_code] = candidate
    return sections


def _view_language_urls(request):
    """For views outside the page tree (search), the same path reversed in each language."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        return {}
    return {code: translate_url(request.path, code) for code in language_codes()}


def language_versions_for(page, request):
    """Every interface language with the URL of `page` (or the view) in it, if it exists.

    `exists` is false when there is no translation: the switcher then points at that language's
    nearest section above the page (`fallback_title` names it), or its home page, and no hreflang
    alternate is given. The switcher keeps the query string, so filters and searches survive a
    change of language.
    """
    is_page = isinstance(page, Page) and request is not None
    if is_page:
        urls = _page_language_urls(page, request)
    elif request is not None:
        urls = _view_language_urls(request)
    else:
        urls = {}
    missing = [code for code in language_codes() if code not in urls]
    sections = nearest_translated_sections(page, missing, request) if is_page and urls else {}
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = current_language()
    versions = []
    for code, name in settings.LANGUAGES:
        exists = code in urls
        section = sections.get(code)
        if exists:
            path = urls[code]
        else:
            path = section.get_url(request) if section is not None else home_url(request, code)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": f"{path}?{query}" if exists and query else path,
                "absolute_url": request.build_absolute_uri(path) if request is not None else path,
                "exists": exists,
                "current": code == current,
                "fallback_title": section.title if section is not None else "",
            }
        )
    return versions
