"""The incidents index: the observatory's home, with its map, data page and exports as sub-routes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from chasqui.core.models import BasePage

from ..api.routes import ApiRoutesMixin
from ..views import (
    serve_archived_copy,
    serve_data,
    serve_export,
    serve_feed,
    serve_figures,
    serve_index,
    serve_map,
    serve_timeline,
)


class IncidentIndexPage(ApiRoutesMixin, RoutablePageMixin, BasePage):
    """Incidents, actors and cases live under it; `map/`, `figures/`, `timeline/`, `data/`,
    `export/<format>/` and the JSON API (`api/v1/`, routes in api/routes.py) hang off it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["observatory.IncidentPage", "observatory.ActorPage", "observatory.CasePage"]
    max_count_per_parent = 1
    template = "observatory/incident_index_page.html"

    class Meta:
        verbose_name = _("incidents index")

    @path("", name="incidents")
    def incidents(self, request):
        return serve_index(self, request)

    @path("map/", name="map")
    def incident_map(self, request):
        return serve_map(self, request)

    @path("figures/", name="figures")
    def figures(self, request):
        return serve_figures(self, request)

    @path("timeline/", name="timeline")
    def timeline(self, request):
        return serve_timeline(self, request)

    @path("data/", name="data")
    def data(self, request):
        return serve_data(self, request)

    @path("export/<str:kind>/", name="export")
    def export(self, request, kind):
        return serve_export(self, request, kind)

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return serve_feed(self, request, kind)

    @path("sources/<int:source_id>/archived-copy/", name="archived_copy")
    def archived_copy(self, request, source_id):
        return serve_archived_copy(self, request, source_id)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            base = urls[0]["location"]
            urls += [
                {"location": base + self.reverse_subpage(name)}
                for name in ("map", "figures", "timeline", "data")
            ]
        return urls
