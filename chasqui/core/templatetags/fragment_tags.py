"""`{% fragment_vary as fragment %}`: what a cached fragment varies on (see `chasqui.core.fragments`)."""

from django import template
from django.utils import translation

from chasqui.core.fragments import FragmentVary, fragment_vary

register = template.Library()


@register.simple_tag(takes_context=True, name="fragment_vary")
def fragment_vary_tag(context):
    request = context.get("request")
    if request is None:
        return FragmentVary(None, None, translation.get_language())
    vary = getattr(request, "chasqui_fragment_vary", None)
    if vary is None or vary.language != translation.get_language():
        vary = request.chasqui_fragment_vary = fragment_vary(request, translation.get_language())
    return vary
