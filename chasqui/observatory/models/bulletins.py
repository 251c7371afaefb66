"""The incidents in a bulletin's "This week's incidents", kept on the bulletin like its news items."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class BulletinIncident(Orderable):
    """One incident in one bulletin; the editor reorders and removes them like the news items."""

    bulletin = ParentalKey("newsletter.Bulletin", on_delete=models.CASCADE, related_name="incident_items")
    incident = models.ForeignKey(
        "observatory.IncidentPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("incident")
    )

    panels = [PageChooserPanel("incident", "observatory.IncidentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("bulletin incident")
        verbose_name_plural = _("bulletin incidents")

    def __str__(self):
        return str(self.incident)
