"""Tags for the site-wide layout: navigation, language versions, metadata and theme.

The base template runs on every page, so everything here either reads the
request-cached site settings or comes from the cache; the only per-page query
is the one that finds the current page's translations.
"""

import json
import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

register = template.Library()

MENU_CACHE_TIMEOUT = 60 * 60
RENDITION_CACHE_TIMEOUT = 24 * 60 * 60
OG_LOCALES = {"en": "en_GB", "es": "es_PE"}
DEFAULT_COLOURS = {"primary": "#8c1c13", "accent": "#1d4e89"}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def menu_cache_key(site_id):
    return f"chasqui:menus:{site_id}"


def rendition_cache_key(image_id, spec):
    return f"chasqui:rendition:{image_id}:{spec}"


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def _site_settings(request):
    from chasqui.core.models import SiteSettings

    if request is None:
        return None
    try:
        return SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        return None


def build_site_menus(site, request=None):
    """Each language's home URL and menu items for one site: two queries, then cached."""
    homes = list(site.root_page.get_translations(inclusive=True).live().select_related("locale"))
    if not homes:
        return {}
    children_q = Q()
    for home in homes:
        children_q |= Q(path__startswith=home.path, depth=home.depth + 1)
    children = Page.objects.live().public().in_menu().filter(children_q).order_by("path")
    menus = {}
    for home in homes:
        menus[home.locale.language_code] = {
            "home": home.relative_url(site, request),
            "items": [
                {"title": child.title, "url": child.relative_url(site, request)}
                for child in children
                if child.path.startswith(home.path)
            ],
        }
    return menus


def site_menus(request):
    """Menus for the request's site, from the cache when possible."""
    if request is None:
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    key = menu_cache_key(site.pk)
    menus = cache.get(key)
    if menus is None:
        menus = build_site_menus(site, request)
        cache.set(key, menus, MENU_CACHE_TIMEOUT)
    return menus


def invalidate_menus():
    cache.delete_many([menu_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])


def home_url(request, language_code=None):
    language_code = language_code or _current_language()
    menu = site_menus(request).get(language_code)
    if menu and menu["home"]:
        return menu["home"]
    return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"


def _search_url(language_code):
    with translation.override(language_code):
        try:
            return reverse("search:search")
        except NoReverseMatch:
            return None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The current language's menu items plus Search, marking the section being viewed."""
    request = context.get("request")
    language_code = _current_language()
    menu = site_menus(request).get(language_code, {"home": home_url(request), "items": []})
    path = request.path if request else ""
    items = [
        {**item, "active": bool(item["url"]) and path.startswith(item["url"]) and item["url"] != menu["home"]}
        for item in menu["items"]
    ]
    search_url = _search_url(language_code)
    return {"home_url": menu["home"], "items": items, "search_url": search_url}


def _route_suffix(page_url, request):
    """The path below a routable page (/news/topic/mining/ below /news/), the same in every language."""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _page_language_urls(page, request):
    """Paths of the live translations of `page` by language code: one query."""
    own_url = page.get_url(request)
    if not own_url:
        return {}
    suffix = _route_suffix(own_url, request)
    urls = {_current_language(): own_url + suffix}
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
    return {code: translate_url(request.path, code) for code in _language_codes()}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Every interface language with the URL of this page in it, if it exists.

    `exists` is false when there is no translation: the switcher then points at
    that language's home page and no hreflang alternate is given. The switcher
    keeps the query string, so filters and searches survive a change of language.
    """
    request = context.get("request")
    cached = getattr(request, "_chasqui_language_versions", None)
    if cached is not None:
        return cached
    page = context.get("page")
    if isinstance(page, Page) and request is not None:
        urls = _page_language_urls(page, request)
    elif request is not None:
        urls = _view_language_urls(request)
    else:
        urls = {}
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = _current_language()
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
    if request is not None:
        request._chasqui_language_versions = versions
    return versions


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address (plus any route below it), without query string."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    if isinstance(page, Page):
        url = page.get_url(request)
        if url:
            return request.build_absolute_uri(url + _route_suffix(url, request))
    return request.build_absolute_uri(request.path)


@register.simple_tag
def og_locale(language_code=None):
    code = language_code or _current_language()
    return OG_LOCALES.get(code, code)


def cached_rendition(image_id, spec):
    """A rendition's URL, size and alt text by image id, cached so layouts need no image queries."""
    if not image_id:
        return None
    key = rendition_cache_key(image_id, spec)
    data = cache.get(key)
    if data is None:
        from wagtail.images import get_image_model

        image = get_image_model().objects.filter(pk=image_id).first()
        if image is None:
            return None
        try:
            rendition = image.get_rendition(spec)
        except Exception:  # a missing or broken file must not break every page
            return None
        data = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.title,
        }
        cache.set(key, data, RENDITION_CACHE_TIMEOUT)
    return data


@register.simple_tag(takes_context=True)
def site_logo(context, spec="height-96"):
    site_settings = _site_settings(context.get("request"))
    return cached_rendition(getattr(site_settings, "logo_id", None), spec)


@register.simple_tag(takes_context=True)
def social_image(context, spec="fill-1200x630"):
    """The page's sharing image, else the site's, as an absolute URL with its size."""
    request = context.get("request")
    page = context.get("page")
    image_id = getattr(page, "social_image_id", None)
    if not image_id:
        image_id = getattr(_site_settings(request), "social_image_id", None)
    data = cached_rendition(image_id, spec)
    if data and request is not None:
        data = {**data, "url": request.build_absolute_uri(data["url"])}
    return data


@register.simple_tag(takes_context=True)
def page_description(context):
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "search_description", "") or getattr(page, "summary", "") or ""


def valid_colour(value, fallback):
    return value if isinstance(value, str) and HEX_COLOUR.fullmatch(value) else fallback


def relative_luminance(hex_colour):
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def text_colour_on(hex_colour):
    """Black or white, whichever reads better on the given background (WCAG relative luminance)."""
    luminance = relative_luminance(hex_colour)
    return "#ffffff" if (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) else "#111111"


def readable_on_white(*candidates):
    """The first colour with AA contrast (4.5:1) on white, so pale brand colours never hurt legibility."""
    for colour in candidates:
        if contrast_with_white(colour) >= 4.5:
            return colour
    return "#1a1a1a"


@register.simple_tag(takes_context=True)
def theme_style(context):
    """The editors' colours as CSS custom properties; anything but a #rrggbb value is ignored."""
    site_settings = _site_settings(context.get("request"))
    primary = valid_colour(getattr(site_settings, "primary_colour", None), DEFAULT_COLOURS["primary"])
    accent = valid_colour(getattr(site_settings, "accent_colour", None), DEFAULT_COLOURS["accent"])
    return format_html(
        "<style>:root{{--colour-primary:{};--colour-on-primary:{};--colour-accent:{};"
        "--colour-on-accent:{};--colour-link:{};--colour-heading:{}}}</style>",
        primary,
        text_colour_on(primary),
        accent,
        text_colour_on(accent),
        readable_on_white(accent, primary),
        readable_on_white(primary),
    )


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """A schema.org Organization describing the charity, from the site settings."""
    request = context.get("request")
    site_settings = _site_settings(request)
    if site_settings is None or request is None:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "url": request.build_absolute_uri(home_url(request, settings.LANGUAGE_CODE)),
    }
    if site_settings.short_name:
        data["alternateName"] = site_settings.short_name
    logo = cached_rendition(site_settings.logo_id, "height-96")
    if logo:
        data["logo"] = request.build_absolute_uri(logo["url"])
    if site_settings.postal_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(
                line.strip() for line in site_settings.postal_address.splitlines() if line.strip()
            ),
        }
    if site_settings.email:
        data["email"] = site_settings.email
    if site_settings.charity_number:
        data["identifier"] = site_settings.charity_number
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def address_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
