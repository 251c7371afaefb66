"""`{% lead_picture %}`: the one way a page's lead image is drawn, at any size."""

from django import template
from django.utils.safestring import mark_safe

from chasqui.images.pictures import picture_html

register = template.Library()


@register.simple_tag
def lead_picture(page, variant="thumb", eager=False, css_class=""):
    """The page's lead image as a <picture>, or nothing when it has none (never the file name)."""
    image = getattr(page, "lead_image", None) if getattr(page, "lead_image_id", None) else None
    if image is None:
        return ""
    return mark_safe(picture_html(image, variant, page.lead_image_alt, eager, css_class))  # noqa: S308
