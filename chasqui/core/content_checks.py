"""Checks a higher app runs on a lower app's content before it is saved (a name that must not be
published, say).

`BasePage.clean()` and the other editable models with public text call `check_content(obj)`; each
higher app registers a function with the `chasqui_content_checks` Wagtail hook that takes the object
and returns a list of messages, empty when it finds nothing wrong. The messages are raised together
as one validation error, which the admin shows above the form and which stops any save, autosave
included.
"""

from django.core.exceptions import ValidationError
from wagtail import hooks

CONTENT_CHECKS_HOOK = "chasqui_content_checks"


def check_content(obj):
    """Raises ValidationError with every registered check's messages about `obj`."""
    messages = [message for check in hooks.get_hooks(CONTENT_CHECKS_HOOK) for message in check(obj)]
    if messages:
        raise ValidationError(messages)
