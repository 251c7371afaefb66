"""The public join form: it checks and tidies input; joining itself happens in services.join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chasqui.core.forms import HoneypotField, PublicEmailField

from ..addresses import UNITED_KINGDOM, clean_address_postcode, country_choices
from ..billing.methods import CARD_METHODS, card_payments_available, payment_method_choices
from ..models import Member, Plan


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        plan = plan.localized
        label = _("%(name)s: %(price)s a year") % {"name": plan.name, "price": plan.price_pounds}
        return f"{label} ({plan.audience})" if plan.audience else label


class JoinForm(forms.Form):
    """Everything we need to welcome a member. `website` is a honeypot: hidden from people."""

    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "honorific-prefix"}),
        help_text=_("For example Ms, Mr, Dr."),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Enter your last name.")},
    )
    email = PublicEmailField()
    address_line_1 = forms.CharField(
        label=_("Address line 1"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
        help_text=_("House name or number and street."),
        error_messages={"required": _("Enter the first line of your address.")},
    )
    address_line_2 = forms.CharField(
        label=_("Address line 2 (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = forms.CharField(
        label=_("Town or city"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Enter your town or city.")},
    )
    county = forms.CharField(
        label=_("County or region (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
        help_text=_("Needed for a UK address."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        initial=UNITED_KINGDOM,
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    plan = PlanChoiceField(
        label=_("Membership plan"),
        queryset=Plan.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a plan."), "invalid_choice": _("Choose one of the plans.")},
    )
    payment_method = forms.ChoiceField(
        label=_("How you will pay"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you will pay."),
            "invalid_choice": _("Choose one of the ways to pay."),
        },
    )
    bulletin_consent = forms.BooleanField(
        label=_("Yes, email me the weekly bulletin"),
        required=False,
        help_text=_("You can stop it at any time with the link in every bulletin."),
    )
    gift_aid = forms.BooleanField(
        label=_("Yes, I make the Gift Aid declaration above"),
        required=False,
        help_text=_("Only if you pay UK Income Tax or Capital Gains Tax. It needs your UK home address."),
    )
    website = HoneypotField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.card_available = card_payments_available()
        self.fields["plan"].queryset = Plan.objects.active()
        self.fields["payment_method"].choices = payment_method_choices()

    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        typed_postcode = (cleaned.get("postcode") or "").strip()
        clean_address_postcode(self, cleaned, required=True)
        if cleaned.get("gift_aid") and (cleaned.get("country") != UNITED_KINGDOM or not typed_postcode):
            self.add_error(
                "gift_aid",
                _(
                    "Gift Aid needs a UK home address with a postcode. Enter one, or leave the Gift Aid "
                    "box unticked."
                ),
            )
        return cleaned

    def member_fields(self):
        """What services.join needs, from the cleaned form."""
        data = self.cleaned_data
        names = [
            *Member.CONTACT_FIELDS,
            "plan",
            "payment_method",
            "bulletin_consent",
            "gift_aid",
        ]
        return {name: data[name] for name in names}


class RenewForm(forms.Form):
    """The card option a member picks on the renewal page."""

    payment_method = forms.ChoiceField(choices=[(method.value, method.label) for method in CARD_METHODS])
