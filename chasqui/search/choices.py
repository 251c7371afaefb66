from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultKind(models.TextChoices):
    """What a search result is; also the values of the type filter in the search form."""

    NEWS = "news", _("News")
    PAGE = "page", _("Background")
    PUBLICATION = "publication", _("Publications")
