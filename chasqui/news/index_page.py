"""The news index: the archive of news items, with its filtered listings and feeds as sub-routes."""

from functools import partial

from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from chasqui.core.models import BasePage

from .routes import canonical_route, localize_route
from .views import serve_archive, serve_feed


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The archive of news items; filters, pagination and feeds hang off it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsItemPage"]
    max_count_per_parent = 1
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def reverse_subpage(self, name, args=None, kwargs=None):
        """The sub-route in the words of the active language ("tema/mining/" in Spanish)."""
        return localize_route(super().reverse_subpage(name, args, kwargs))

    def resolve_subpage(self, path):
        """Routes given in this language's words; the other language's words redirect to them."""
        english, foreign = canonical_route(path)
        match = super().resolve_subpage(english)
        if foreign:
            match.func = partial(self.redirect_to_route, route=localize_route(english.lstrip("/")))
        return match

    def translate_route(self, suffix, language_code):
        """The same sub-route in another language's words, for the language switcher."""
        english, _foreign = canonical_route(suffix)
        return localize_route(english, language_code)

    def redirect_to_route(self, request, *args, route, **kwargs):
        query = request.META.get("QUERY_STRING", "")
        url = self.get_url(request) + route
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    @path("", name="archive")
    def archive(self, request):
        return serve_archive(self, request)

    @path("topic/<slug:slug>/", name="topic")
    def topic_archive(self, request, slug):
        return serve_archive(self, request, topic_slug=slug)

    @path("region/<slug:slug>/", name="region")
    def region_archive(self, request, slug):
        return serve_archive(self, request, region_slug=slug)

    @path("archive/<int:year>/", name="year")
    def year_archive(self, request, year):
        return serve_archive(self, request, year=year)

    @path("archive/<int:year>/<int:month>/", name="month")
    def month_archive(self, request, year, month):
        return serve_archive(self, request, year=year, month=month)

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return serve_feed(self, request, kind)

    @path("topic/<slug:slug>/feed/<str:kind>/", name="topic_feed")
    def topic_feed(self, request, slug, kind):
        return serve_feed(self, request, kind, topic_slug=slug)

    @path("region/<slug:slug>/feed/<str:kind>/", name="region_feed")
    def region_feed(self, request, slug, kind):
        return serve_feed(self, request, kind, region_slug=slug)
