"""The news index: the archive of news items, with its filtered listings and feeds as sub-routes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from chasqui.core.models import BasePage

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
