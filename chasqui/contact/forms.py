"""The public contact form; `website` is a honeypot hidden from people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chasqui.core.forms import HoneypotField, PublicEmailField


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = PublicEmailField(
        label=_("Your email address"), help_text=_("We will reply to this address and send you a copy.")
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=150, error_messages={"required": _("Enter a subject.")}
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter your message.")},
    )
    website = HoneypotField()

    def is_bot(self):
        return bool(self.data.get("website"))
