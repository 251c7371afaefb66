"""The charity's own name and logo on the Wagtail admin, in place of Wagtail's.

Editors set them once under Settings → Site settings; the admin reads the default site's,
as the public layout reads its own: from the cache, with no query on a warm admin page.
"""

from django import template

from chasqui.core.middleware import default_site_settings
from chasqui.core.renditions import cached_rendition

register = template.Library()

# The public header's rendition: one cached copy serves both, and is forgotten with the image.
ADMIN_LOGO_SPEC = "height-96"


@register.simple_tag(takes_context=True)
def admin_brand(context):
    """``{"name": …, "logo": rendition or None}``, worked out once per request."""
    request = context.get("request")
    brand = getattr(request, "chasqui_admin_brand", None)
    if brand is None:
        site_settings = default_site_settings()
        brand = {
            "name": site_settings.organisation_name,
            "logo": cached_rendition(site_settings.logo_id, ADMIN_LOGO_SPEC),
        }
        if request is not None:
            request.chasqui_admin_brand = brand  # the title, the sidebar and the page all ask
    return brand
