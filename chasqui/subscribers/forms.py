from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chasqui.core.forms import HoneypotField, PublicEmailField

from .choices import SubscriberStatus


class SubscribeForm(forms.Form):
    """The bulletin sign-up. `website` is a honeypot: hidden from people, filled in by bots."""

    email = PublicEmailField()
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the bulletin"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a language."),
            "invalid_choice": _("Choose English or Spanish."),
        },
    )
    website = HoneypotField()
    source = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def clean_source(self):
        """Only a site path is kept (for the ledger), never an arbitrary URL."""
        source = self.cleaned_data.get("source", "")
        return source if source.startswith("/") and not source.startswith("//") else ""


class SubscriberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, name, language (en or es), status (subscribed, unsubscribed, bounced, "
            "complained or pending). The first row names the columns."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run)"),
        required=False,
        initial=True,
        help_text=_("Shows what would change and any errors, without saving anything."),
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it and import the parts."))
        return upload


class SubscriberExportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *SubscriberStatus.choices],
    )
