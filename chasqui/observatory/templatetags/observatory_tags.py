from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def known(count):
    """A count as shown: unknown is not zero."""
    return _("unknown") if count is None else count
