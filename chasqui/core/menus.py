"""The site's menus by language: each home page's URL and its in-menu children, cached per site."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page, Site

MENU_CACHE_TIMEOUT = 60 * 60


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def menu_cache_key(site_id):
    return f"chasqui:menus:{site_id}"


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
    language_code = language_code or current_language()
    menu = site_menus(request).get(language_code)
    if menu and menu["home"]:
        return menu["home"]
    return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"
