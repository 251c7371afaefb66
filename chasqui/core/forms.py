"""Fields the public forms (bulletin sign-up, joining) share."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class PublicEmailField(forms.EmailField):
    """An email address typed by a reader: autocompleted, not spell-checked, errors that say how to fix it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Email address"))
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address like name@example.org."),
            },
        )
        super().__init__(**kwargs)


class HoneypotField(forms.CharField):
    """Hidden from people by the template and out of the tab order; a bot that fills it gives itself away."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
        super().__init__(**kwargs)


class PublicFormRenderer(DjangoTemplates):
    """Every form field as the GOV.UK pattern has it: label (no colon) above, hint, error, then the input.

    One template for all the public forms, so none of them carries Django's ':' label suffix or
    its own field markup.
    """

    field_template_name = "forms/field.html"
