"""Forms for the membership secretary's admin pages."""

import datetime
import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from ..choices import PaymentMethod

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def pounds_field(label, **kwargs):
    return forms.DecimalField(
        label=label, min_value=Decimal("0.01"), max_digits=9, decimal_places=2, **kwargs
    )


def to_pence(pounds):
    return int((pounds * 100).to_integral_value())


def to_pounds(pence):
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


class PlanForm(WagtailAdminModelForm):
    """The secretary types the yearly price in pounds; it is stored in pence."""

    price_pounds = pounds_field(_("Yearly price (£)"), help_text=_("For example 25 or 12.50."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.price_pence is not None:
            self.initial["price_pounds"] = to_pounds(self.instance.price_pence)

    def save(self, commit=True):
        self.instance.price_pence = to_pence(self.cleaned_data["price_pounds"])
        return super().save(commit=commit)


class RecordPaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Date received"), widget=AdminDateInput)
    amount = pounds_field(_("Amount (£)"))
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("As it appears on the bank statement or cheque."),
    )

    @classmethod
    def initial_for(cls, member):
        """Today, the plan's price, how the member pays and their number: usually nothing to type."""
        method = member.payment_method if member.payment_method in PaymentMethod.offline() else ""
        plan = member.next_plan or member.plan
        return {
            "paid_on": timezone.localdate(),
            "amount": to_pounds(plan.price_pence),
            "method": method or PaymentMethod.STANDING_ORDER,
            "reference": member.number,
        }

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return paid_on

    @property
    def amount_pence(self):
        return to_pence(self.cleaned_data["amount"])


class CancelMembershipForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        help_text=_("Kept in the member's history."),
    )


class ImportMembersForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Saved from the spreadsheet as CSV (comma separated), with a header row."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only: show what would change, write nothing"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class GiftAidClaimForm(forms.Form):
    start = forms.DateField(label=_("Payments received from"), widget=AdminDateInput)
    end = forms.DateField(label=_("to (inclusive)"), widget=AdminDateInput)

    @classmethod
    def default_initial(cls):
        """The previous full calendar month."""
        first_of_month = timezone.localdate().replace(day=1)
        end = first_of_month - datetime.timedelta(days=1)
        return {"start": end.replace(day=1), "end": end}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned


class RecordClaimForm(forms.Form):
    """The preview's "Record this claim" button: the period, and a token so a double submit counts once."""

    start = forms.DateField(widget=forms.HiddenInput)
    end = forms.DateField(widget=forms.HiddenInput)
    request_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    @classmethod
    def for_period(cls, start, end):
        return cls(initial={"start": start, "end": end, "request_key": secrets.token_urlsafe(24)})


class SubmitClaimForm(forms.Form):
    hmrc_reference = forms.CharField(
        label=_("HMRC reference (optional)"),
        max_length=100,
        required=False,
        help_text=_("The submission reference shown by HMRC's Charities Online service."),
    )


class WithdrawClaimForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this claim and release its payments for a later claim"),
        error_messages={"required": _("Tick the box to withdraw the claim.")},
    )
