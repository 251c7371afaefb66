"""The memos Wagtail keeps on a request, filled in ahead of Wagtail from Chasqui's caches.

Wagtail remembers a request's site, site settings and page route on private request attributes
and offers no public way to supply them. This module is the one place Chasqui touches them, so
a Wagtail upgrade that renames them breaks here, where the routing and middleware tests see it.
"""

from django.http.request import split_domain_port


def host_key(request):
    """``host:port`` as Wagtail matches sites: from the raw Host header, as Wagtail reads it."""
    return f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"  # noqa: SLF001


def prime_site(request, site):
    """What `Site.find_for_request` will return for this request, without its queries."""
    request._wagtail_site = site  # noqa: SLF001


def prime_route(request, route_result):
    """What `Page.route_for_request` will return for this request, without walking the tree."""
    request._wagtail_route_for_request = route_result  # noqa: SLF001


def prime_site_settings(request, site_settings):
    """What `SiteSettings.for_request` will return, set up as `for_request` would set it up."""
    site_settings._request = request  # noqa: SLF001 - lets the settings build page URLs cheaply
    setattr(request, type(site_settings).get_cache_attr_name(), site_settings)
