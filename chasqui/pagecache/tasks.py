"""Purging the caches in front of the site (a CDN, Varnish) in the background: a CDN's API can take
seconds, and an editor's save should not wait for it (invalidation.py enqueues this once a change
commits)."""

from django.tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from chasqui.core.affected_urls import every_url


@task()
def purge_front_end_caches(urls, everything=False):
    """Purges `urls`, and every live page's addresses too when `everything` (a change that shows on
    every page): those are listed here, after the commit, rather than by the request that saved."""
    addresses = set(urls)
    if everything:
        addresses |= every_url()
    purge_urls_from_cache(sorted(addresses))
    return len(addresses)
