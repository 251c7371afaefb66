from django import template

from chasqui.core.page_extras import page_extras as registered_extras

register = template.Library()


@register.simple_tag(takes_context=True)
def page_extras(context, page):
    """`{% page_extras page %}`: what other apps add to this page (see chasqui.core.page_extras)."""
    return registered_extras(page, context.get("request"))
