from django import template
from django.utils import translation

from ..forms import SubscribeForm
from ..services import normalise_language

register = template.Library()


@register.inclusion_tag("subscribers/subscribe_form.html", takes_context=True)
def subscribe_form(context, placement):
    """A blank sign-up form in the page's language; `placement` keeps ids unique when a page has two."""
    request = context.get("request")
    form = SubscribeForm(
        auto_id=f"subscribe-{placement}-%s",
        initial={
            "language": normalise_language(translation.get_language()),
            "source": request.path if request else "",
        },
    )
    # No CSRF token: the box is on every cached page, and the sign-up needs none (see views.subscribe).
    return {"form": form, "placement": placement, "request": request}
