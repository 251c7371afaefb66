from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Audience(models.TextChoices):
    """Who receives a bulletin: readers of its language only, or the whole list."""

    LANGUAGE = "language", _("Subscribers who chose this bulletin's language")
    EVERYONE = "everyone", _("All subscribers, whatever their language")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent: left the list before their turn")
    # In flight when its worker died: the mail server may or may not have taken it.
    UNCERTAIN = "uncertain", _("May have been sent")
