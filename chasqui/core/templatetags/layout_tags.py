"""Tags for the site-wide layout: navigation, language versions, metadata and theme.

The base template runs on every page, so everything here either reads the
request-cached site settings or comes from the cache; the only per-page query
is the one that finds the current page's translations. The work itself lives in
`core.menus`, `core.language_urls`, `core.renditions` and `core.theme`.
"""

import json

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.csp import CONTEXT_KEY as CSP_CONTEXT_KEY
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from chasqui.core.language_urls import language_versions_for, route_suffix
from chasqui.core.menus import current_language, home_url, site_menus
from chasqui.core.models import SiteSettings
from chasqui.core.renditions import cached_rendition
from chasqui.core.sites import absolute_url
from chasqui.core.theme import (
    DEFAULT_COLOURS,
    readable_on_dark,
    readable_on_white,
    text_colour_on,
    valid_colour,
)

register = template.Library()

OG_LOCALES = {"en": "en_GB", "es": "es_PE"}
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _site_settings(request):
    if request is None:
        return None
    try:
        return SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        return None


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
    language_code = current_language()
    menu = site_menus(request).get(language_code, {"home": home_url(request), "items": []})
    path = request.path if request else ""
    items = [
        {**item, "active": bool(item["url"]) and path.startswith(item["url"]) and item["url"] != menu["home"]}
        for item in menu["items"]
    ]
    search_url = _search_url(language_code)
    return {"home_url": menu["home"], "items": items, "search_url": search_url}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Every interface language with the URL of this page in it (see `language_versions_for`)."""
    request = context.get("request")
    cached = getattr(request, "chasqui_language_versions", None)
    if cached is not None:
        return cached
    versions = language_versions_for(context.get("page"), request)
    if request is not None:
        request.chasqui_language_versions = versions  # the header and the head both ask
    return versions


def _archive_page_query(request):
    """`?page=N` for the second page of a list onwards: each page of an archive is its own document."""
    number = request.GET.get("page", "")
    return f"?page={number}" if number.isdigit() and int(number) > 1 else ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address (plus any route below it and its list page number), without other queries."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    query = _archive_page_query(request)
    if isinstance(page, Page):
        url = page.get_url(request)
        if url:
            return request.build_absolute_uri(url + route_suffix(url, request)) + query
    return request.build_absolute_uri(request.path) + query


@register.simple_tag
def og_locale(language_code=None):
    code = language_code or current_language()
    return OG_LOCALES.get(code, code)


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
    data = cached_rendition(image_id, spec)
    if data is None and hasattr(page, "share_image"):
        # Pages with a lead image (`images.lead`) share it, or a card drawn for them.
        data = page.share_image(_site_settings(request))
    if data is None:
        data = cached_rendition(getattr(_site_settings(request), "social_image_id", None), spec)
    if data and request is not None:
        data = {**data, "url": request.build_absolute_uri(data["url"])}
    return data


@register.simple_tag(takes_context=True)
def page_description(context):
    """What the page says about itself; a listing filtered by topic or region names its subject."""
    page = context.get("page")
    own = getattr(page, "search_description", "") or getattr(page, "summary", "") or ""
    heading = context.get("heading")
    if heading and page is not None:
        return _("%(section)s about %(subject)s: every item we have published, newest first.") % {
            "section": page.title,
            "subject": heading,
        }
    if own:
        return own
    intro = getattr(page, "intro", "")
    return strip_tags(intro) if isinstance(intro, str) else ""


@register.simple_tag(takes_context=True)
def description_meta(context, text=""):
    """The description and og:description tags: the text given, else the page's, else the site's own."""
    description = text or page_description(context)
    if not description:
        site_settings = _site_settings(context.get("request"))
        if site_settings is not None:
            localized = site_settings.localized
            description = localized.description or localized.tagline or localized.organisation_name
    if not description:
        return ""
    description = Truncator(" ".join(str(description).split())).chars(300)
    return format_html(
        '<meta name="description" content="{}">\n<meta property="og:description" content="{}">',
        description,
        description,
    )


def nonce_attribute(context):
    """` nonce="…"` for an inline element, so the Content Security Policy lets it run; "" without one."""
    nonce = context.get(CSP_CONTEXT_KEY)
    # Not `if nonce`: Django's lazy nonce is falsy until first read, and reading it here is what
    # puts it in the response's policy.
    return format_html(' nonce="{}"', nonce) if nonce is not None else ""


@register.simple_tag(takes_context=True)
def theme_style(context):
    """The editors' colours as CSS custom properties; anything but a #rrggbb value is ignored."""
    site_settings = _site_settings(context.get("request"))
    primary = valid_colour(getattr(site_settings, "primary_colour", None), DEFAULT_COLOURS["primary"])
    accent = valid_colour(getattr(site_settings, "accent_colour", None), DEFAULT_COLOURS["accent"])
    return format_html(
        "<style{}>:root{{--colour-primary:{};--colour-on-primary:{};--colour-accent:{};"
        "--colour-on-accent:{};--colour-link:{};--colour-heading:{}}}"
        "@media (prefers-color-scheme: dark){{:root{{--colour-link:{};--colour-heading:{}}}}}</style>",
        nonce_attribute(context),
        primary,
        text_colour_on(primary),
        accent,
        text_colour_on(accent),
        readable_on_white(accent, primary),
        readable_on_white(primary),
        readable_on_dark(accent),
        readable_on_dark(primary),
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
        "url": absolute_url(home_url(request, settings.LANGUAGE_CODE)),
    }
    if site_settings.short_name:
        data["alternateName"] = site_settings.short_name
    logo = cached_rendition(site_settings.logo_id, "height-96")
    if logo:
        data["logo"] = absolute_url(logo["url"])
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
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        nonce_attribute(context),
        mark_safe(payload),  # noqa: S308
    )


@register.filter
def address_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
