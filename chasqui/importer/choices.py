from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    LISTING = "listing", _("Old site listing (text or HTML)")
    WXR = "wxr", _("WordPress export (WXR)")
    CSV = "csv", _("CSV")


class ItemKind(models.TextChoices):
    NEWS = "news", _("News item")
    PAGE = "page", _("Background page")
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class Outcome(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")
