from collections import defaultdict

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.middleware.csp import get_nonce
from django.template import loader
from django.urls import reverse
from django.utils.csp import CONTEXT_KEY as CSP_CONTEXT_KEY
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page


class TranslatedSitemap(Sitemap):
    """Every language's pages, each with hreflang alternates.

    Wagtail's own sitemap walks only the site's root page, which is the English
    home: the Spanish home is its sibling, so Spanish pages would be missing.
    URLs use the requested host, like the canonical links in the page head.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        descendants = Page.objects.none()
        for root in roots:
            descendants |= Page.objects.descendant_of(root, inclusive=True)
        return descendants.live().public().order_by("path").defer_streamfields().specific()

    def _absolute(self, location):
        site = self.get_wagtail_site()
        if self.request is None or not location:
            return location
        if location.startswith(site.root_url):
            return self.request.build_absolute_uri(location[len(site.root_url) :] or "/")
        return location

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        pages = list(self.paginator.page(page).object_list)
        own_urls = {}
        for item in pages:
            info = item.get_sitemap_urls(self.request)
            for url_info in info:
                url_info["location"] = self._absolute(url_info["location"])
            own_urls[item.pk] = info
        by_key = defaultdict(list)
        for item in pages:
            if own_urls[item.pk]:
                by_key[item.translation_key].append(
                    {"lang_code": languages.get(item.locale_id), "location": own_urls[item.pk][0]["location"]}
                )
        urls, last_mods = [], set()
        for item in pages:
            for index, url_info in enumerate(own_urls[item.pk]):
                alternates = by_key[item.translation_key]
                if index == 0 and len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class PublicViewsSitemap(DjangoSitemap):
    """Public pages outside the page tree that readers should find, in every language.

    Named by URL, so core needs no import of the apps that serve them.
    """

    i18n = True
    alternates = True
    url_names = ("newsletter:archive", "membership:join")

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /es/search/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": TranslatedSitemap, "views": PublicViewsSitemap})


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    """Rendered without context processors: the database may be what failed. Only the request's CSP
    nonce is passed, so the page's inline style still applies."""
    context = {CSP_CONTEXT_KEY: get_nonce(request)}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
