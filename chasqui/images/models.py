from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image that carries its own credit and a default caption."""

    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True, help_text=_("Photographer or source."))

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
