"""Cases: a conflict followed over time (Las Bambas), grouping its incidents on one timeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from chasqui.core.models import BasePage

from ..record_context import case_context


class CasePage(BasePage):
    description = models.TextField(_("description"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("description")]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]

    parent_page_types = ["observatory.IncidentIndexPage"]
    subpage_types = []
    template = "observatory/case_page.html"

    class Meta:
        verbose_name = _("case")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(case_context(self, request))
        return context
