"""The addresses a change to a page shows on, so that caches in front of the site can forget them.

Written once, here: the page itself in each language, the pages above it (its index, the home page)
and the sitemap. Apps add the addresses only they know about (a news item's topic, region and month
archives and their feeds) by registering a function `page → URLs` with the `chasqui_affected_urls`
Wagtail hook in their wagtail_hooks.py.
"""

from wagtail import hooks
from wagtail.models import Page, Site

AFFECTED_URLS_HOOK = "chasqui_affected_urls"


def _page_urls(page):
    urls = set()
    for translation in page.get_translations(inclusive=True).specific():
        url = translation.get_full_url()
        if url:
            urls.add(url)
        urls.update(ancestor.get_full_url() for ancestor in translation.get_ancestors().filter(depth__gt=1))
    return urls


def _site_urls():
    return {
        f"{site.root_url}{path}" for site in Site.objects.all() for path in ("/sitemap.xml", "/robots.txt")
    }


def affected_urls(page):
    """Every absolute URL whose content may change when `page` is published, changed or removed."""
    page = page.specific
    urls = _page_urls(page) | _site_urls()
    for addresses in hooks.get_hooks(AFFECTED_URLS_HOOK):
        urls.update(addresses(page))
    return {url for url in urls if url}


def every_url():
    """For a change that shows on every page (a menu, a topic's name, the site settings): each live page,
    and what the hooks add for each of them."""
    urls = _site_urls()
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        url = page.get_full_url()
        if url:
            urls.add(url)
        for addresses in hooks.get_hooks(AFFECTED_URLS_HOOK):
            urls.update(addresses(page))
    return {url for url in urls if url}
