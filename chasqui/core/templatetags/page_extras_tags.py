from django import template

from chasqui.core.page_extras import page_extras as registered_extras
from chasqui.core.region_extras import region_extras as registered_region_extras

register = template.Library()


@register.simple_tag(takes_context=True)
def page_extras(context, page):
    """`{% page_extras page %}`: what other apps add to this page (see chasqui.core.page_extras)."""
    return registered_extras(page, context.get("request"))


@register.simple_tag(takes_context=True)
def region_extras(context, region, page):
    """`{% region_extras region page %}`: what other apps add to a region's listing under `page`
    (see chasqui.core.region_extras)."""
    return registered_region_extras(region, page, context.get("request"))
