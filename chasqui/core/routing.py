"""Remembers where each public URL leads, so a page is served without walking the tree.

Wagtail finds a page by fetching the localized home page and then each path segment and its
specific object in turn: two queries a level. Once a URL has been routed, we keep the page's id
and type (and any sub-route below it) and fetch the page with one query next time. Every
publish, unpublish, move, slug change or delete starts a new generation, so nothing stale is
served; a page that is no longer live falls back to Wagtail's own routing.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from .cache_generation import CacheGeneration
from .signals import pages_bulk_changed
from .wagtail_request import prime_route

PAGE_TREE_GENERATION = CacheGeneration("chasqui:page-tree-generation")
ROUTE_TIMEOUT = 24 * 3600


def current_generation():
    return PAGE_TREE_GENERATION.current()


def _route_key(site, path):
    return f"chasqui:route:{current_generation()}:{site.pk}:{translation.get_language()}:{path}"


def _remembered_route(request, key):
    entry = cache.get(key)
    if entry is None:
        return None
    page_id, content_type_id, remaining = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id, live=True).first() if model else None
    if page is None or page.expired:
        return None
    if isinstance(page, RoutablePageMixin):
        # Its own routes (including the empty one) decide which view serves the request.
        return page.route(request, list(remaining))
    return RouteResult(page) if not remaining else None


def _remember_route(key, site, route_result, path):
    page = route_result[0]
    site_root = site.root_page.localized
    if not page.url_path.startswith(site_root.url_path):
        return
    page_components = [part for part in page.url_path[len(site_root.url_path) :].split("/") if part]
    path_components = [part for part in path.split("/") if part]
    if path_components[: len(page_components)] != page_components:
        return
    remaining = tuple(path_components[len(page_components) :])
    if remaining and not isinstance(page, RoutablePageMixin):
        return
    cache.set(key, (page.pk, page.content_type_id, remaining), timeout=ROUTE_TIMEOUT)


def serve(request, path):
    """Wagtail's serve view, with the route looked up from memory when it can be."""
    site = Site.find_for_request(request)
    to_remember = None
    if site is not None and request.method in ("GET", "HEAD"):
        key = _route_key(site, path)
        route_result = _remembered_route(request, key)
        if route_result is not None:
            prime_route(request, route_result)
        else:
            route_result = Page.route_for_request(request, path)
            if route_result is not None:
                to_remember = (key, site, route_result)
    response = wagtail_views.serve(request, path)
    # Only an address that served a page is remembered: an unknown /news/topic/<anything>/ routes to
    # the news index, whose own view answers 404, so a flood of made-up URLs leaves nothing behind.
    if to_remember is not None and response.status_code == 200:
        _remember_route(*to_remember, path)
    return response


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_delete, sender=Page)
@receiver(pages_bulk_changed)
def start_new_generation(**kwargs):
    PAGE_TREE_GENERATION.start_new()
