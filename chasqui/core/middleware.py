"""Per-request shortcuts for work that is the same on every request to a host."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from .models import SiteSettings

SITES_CACHE_KEY = "chasqui:sites-by-host"
SETTINGS_CACHE_KEY = "chasqui:site-settings:{site_id}"


class CachedSiteMiddleware:
    """Resolves the Wagtail Site for a host from the cache instead of querying on every request.

    Wagtail keeps the site it finds on `request._wagtail_site`; setting it here first saves
    the lookup (and the root page fetch) on every page, feed and search request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"
        sites = cache.get(SITES_CACHE_KEY) or {}
        if key in sites:
            request._wagtail_site = sites[key]
        else:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page  # noqa: B018 - fetched now so the cached copy carries it
                cache.set(SITES_CACHE_KEY, {**sites, key: site}, timeout=3600)
        if request._wagtail_site is not None:
            remember_site_settings(request, request._wagtail_site)
        return self.get_response(request)


def remember_site_settings(request, site):
    """Puts the site's settings where Wagtail's `for_request` looks first, from the cache."""
    key = SETTINGS_CACHE_KEY.format(site_id=site.pk)
    site_settings = cache.get(key)
    if site_settings is None:
        site_settings = SiteSettings.for_site(site)
        cache.set(key, site_settings, timeout=3600)
    site_settings._request = request
    setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    cache.delete(SITES_CACHE_KEY)


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def forget_site_settings(instance, **kwargs):
    cache.delete(SETTINGS_CACHE_KEY.format(site_id=instance.site_id))


@receiver(post_save)
def forget_sites_when_a_root_page_changes(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.depth <= 2:
        cache.delete(SITES_CACHE_KEY)
