from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    QUECHUA = "qu", _("Quechua")
    OTHER = "other", _("Other")
