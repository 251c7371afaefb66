"""The editable list of incident types (protest, clash, killing...)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class IncidentType(models.Model):
    """One slug serves both languages, like the news topics."""

    name = models.CharField(_("name (English)"), max_length=80, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("incident type")
        verbose_name_plural = _("incident types")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if translation.get_language() == "es" and self.name_es:
            return self.name_es
        return self.name
