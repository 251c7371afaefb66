"""Forms of the members' area: they check input; the changes happen in account.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..addresses import ADDRESS_FIELDS, clean_address_postcode, country_choices
from ..billing.methods import payment_method_choices
from ..choices import PaymentMethod
from ..models import Member, Plan


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The address you gave when you joined."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Sign-in code"),
        help_text=_("The six digits from the email we sent you."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the six digits from the email, for example 123456."))
        return code


class PlanForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan from your next renewal"),
        queryset=Plan.objects.active(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a plan."),
            "invalid_choice": _("Choose one of the plans shown."),
        },
    )


class PaymentMethodForm(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("How you will pay from now on"),
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will pay.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what works now: no card options while card payments are not set up.
        self.fields["payment_method"].choices = payment_method_choices()


class AddressForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)

    class Meta:
        model = Member
        fields = ADDRESS_FIELDS
        widgets = {
            "address_line_1": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "address_line_2": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "town": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "county": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_line_1"].required = True
        self.fields["town"].required = True
        self.fields["address_line_1"].error_messages["required"] = _("Enter the first line of your address.")
        self.fields["town"].error_messages["required"] = _("Enter your town or city.")

    def clean(self):
        cleaned = super().clean()
        clean_address_postcode(self, cleaned, required=True)
        return cleaned


class BulletinConsentForm(forms.Form):
    bulletin_consent = forms.BooleanField(
        label=_("Send me the weekly bulletin by email"),
        required=False,
        help_text=_("You can stop it at any time here or from a link in any bulletin."),
    )


class GiftAidForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm this declaration"),
        error_messages={"required": _("Tick the box to confirm the declaration.")},
    )


class ConfirmForm(forms.Form):
    """A box to tick before something that cannot be undone."""

    confirm = forms.BooleanField(error_messages={"required": _("Tick the box to confirm.")})

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label


class NewEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your new email address"),
        help_text=_("We will send a code to this address to check it is yours."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
