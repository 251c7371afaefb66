"""What has been imported, from where: makes re-imports idempotent and old links traceable."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from .choices import ItemKind, SourceKind


class ImportedItem(models.Model):
    """One archive entry brought in; same content hash on re-import means nothing to do."""

    source_kind = models.CharField(_("source kind"), max_length=10, choices=SourceKind.choices)
    source_key = models.CharField(
        _("source key"),
        max_length=500,
        help_text=_("The entry's identity in its source: GUID, URL or date and title."),
    )
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    original_url = models.CharField(_("original URL"), max_length=500, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    author = models.CharField(_("original author"), max_length=200, blank=True)
    bulletin_label = models.CharField(_("bulletin label"), max_length=100, blank=True)
    image_caption = models.CharField(
        _("image caption"),
        max_length=255,
        blank=True,
        help_text=_("The caption or photo credit the old listing printed with the entry."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        constraints = [
            models.UniqueConstraint(fields=["source_kind", "source_key"], name="importer_unique_source_key")
        ]

    def __str__(self):
        return f"{self.get_source_kind_display()}: {self.source_key}"
