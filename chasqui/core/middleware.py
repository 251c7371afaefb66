"""Per-request shortcuts for work that is the same on every request to a host."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Site, get_page_models

from .models import SiteSettings
from .sites import default_site
from .views import page_not_found
from .wagtail_request import host_key, prime_site, prime_site_settings

SITES_CACHE_KEY = "chasqui:sites-by-host"
SETTINGS_CACHE_KEY = "chasqui:site-settings:{site_id}"
DEFAULT_SETTINGS_CACHE_KEY = "chasqui:site-settings:default"


class CachedSiteMiddleware:
    """Resolves the Wagtail Site for a host from the cache instead of querying on every request.

    Wagtail keeps the site it finds on the request; setting it here first saves the lookup (and
    the root page fetch) on every page, feed and search request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = host_key(request)
        sites = cache.get(SITES_CACHE_KEY) or {}
        if key in sites:
            prime_site(request, sites[key])
        site = Site.find_for_request(request)
        if key not in sites and site is not None:
            site.root_page  # noqa: B018 - fetched now so the cached copy carries it
            cache.set(SITES_CACHE_KEY, {**sites, key: site}, timeout=3600)
        if site is not None:
            remember_site_settings(request, site)
        return self.get_response(request)


def remember_site_settings(request, site):
    """Puts the site's settings where Wagtail's `for_request` looks first, from the cache."""
    key = SETTINGS_CACHE_KEY.format(site_id=site.pk)
    site_settings = cache.get(key)
    if site_settings is None:
        site_settings = SiteSettings.for_site(site)
        cache.set(key, site_settings, timeout=3600)
    prime_site_settings(request, site_settings)


def default_site_settings():
    """The default site's settings, from the cache: the admin wears them on whatever host it is served.

    Without any site yet, the settings' defaults (an unsaved `SiteSettings`).
    """
    site_settings = cache.get(DEFAULT_SETTINGS_CACHE_KEY)
    if site_settings is None:
        site = default_site()
        site_settings = SiteSettings.for_site(site) if site is not None else SiteSettings()
        cache.set(DEFAULT_SETTINGS_CACHE_KEY, site_settings, timeout=3600)
    return site_settings


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    """A changed site may be a new default, so the default site's settings go too."""
    cache.delete_many([SITES_CACHE_KEY, DEFAULT_SETTINGS_CACHE_KEY])


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def forget_site_settings(instance, **kwargs):
    cache.delete_many([SETTINGS_CACHE_KEY.format(site_id=instance.site_id), DEFAULT_SETTINGS_CACHE_KEY])


def forget_sites_when_a_root_page_changes(sender, instance, **kwargs):
    """The cached sites carry their root pages; a save of any other page leaves them alone."""
    if instance.depth <= 2:
        cache.delete(SITES_CACHE_KEY)


# Every page model, so saves of other models never reach the receiver (imported once all models are).
for page_model in get_page_models():
    post_save.connect(forget_sites_when_a_root_page_changes, sender=page_model)


class SiteNotFoundPageMiddleware:
    """With DEBUG on, a missing page still shows the site's own 404, as readers will see it.

    Django shows its technical 404 page whenever DEBUG is on; the development settings add this
    middleware unless CHASQUI_TECHNICAL_404 asks for Django's page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
