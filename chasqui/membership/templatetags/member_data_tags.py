"""Labels for the keys of a member's data download, so its printable page reads in their language."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

DATA_LABELS = {
    "number": _("Membership number"),
    "title": _("Title"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "name": _("Name"),
    "email": _("Email"),
    "address_line_1": _("Address line 1"),
    "address_line_2": _("Address line 2"),
    "town": _("Town or city"),
    "county": _("County or region"),
    "postcode": _("Postcode"),
    "country": _("Country"),
    "address": _("Address"),
    "language": _("Language"),
    "plan": _("Plan"),
    "next_plan": _("Plan from next renewal"),
    "payment_method": _("Payment method"),
    "method": _("Method"),
    "status": _("Status"),
    "joined_on": _("Joined"),
    "expires_on": _("Expires"),
    "status_changed_at": _("Status changed"),
    "bulletin_consent": _("Consented to the bulletin"),
    "notes": _("Notes"),
    "stripe_customer_id": _("Card processor customer id"),
    "stripe_subscription_id": _("Card processor subscription id"),
    "created_at": _("Created"),
    "updated_at": _("Last updated"),
    "paid_on": _("Paid on"),
    "amount_pence": _("Amount (pence)"),
    "reference": _("Reference"),
    "source": _("Source"),
    "period_start": _("Period start"),
    "period_end": _("Period end"),
    "declared_at": _("Declared"),
    "wording_version": _("Wording version"),
    "wording": _("Wording"),
    "cancelled_at": _("Cancelled"),
    "cancellation_source": _("Cancelled by"),
    "at": _("When"),
    "action": _("Action"),
    "by": _("By"),
    "changes": _("Changes"),
    "note": _("Note"),
    "kind": _("Kind"),
    "period_expires_on": _("Membership ending"),
    "sent_at": _("Sent"),
    "expires_at": _("Expires"),
    "used_at": _("Used"),
    "wrong_attempts": _("Wrong attempts"),
    "confirmed_at": _("Confirmed"),
    "from_status": _("From"),
    "to_status": _("To"),
    "cause": _("Cause"),
    "detail": _("Detail"),
    "bulletin": _("Bulletin"),
    "attempts": _("Attempts"),
    "last_error": _("Last error"),
}


@register.filter
def data_label(key):
    """The label of a data key ("first_name": "First name"); an unknown key, tidied."""
    return DATA_LABELS.get(key) or str(key).replace("_", " ").capitalize()
