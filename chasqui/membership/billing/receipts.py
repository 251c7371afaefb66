"""Receipts for a member's payments: the same facts for the printable page and the text download."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from ..choices import PaymentMethod
from ..models import Payment, format_pence
from ..organisation import site_settings


@dataclass
class Receipt:
    payment: Payment
    organisation_name: str
    postal_address: str
    charity_number: str
    email: str

    @property
    def member(self):
        return self.payment.member

    @property
    def amount(self):
        return format_pence(self.payment.amount_pence)

    @property
    def method(self):
        return PaymentMethod(self.payment.method).label

    @property
    def address_lines(self):
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]

    @property
    def number(self):
        """A receipt number that is stable and unique: the membership number and the payment id."""
        return f"{self.member.number}-{self.payment.pk}"


def payment_for_member(member, payment_id):
    """One of this member's own payments, or None: nobody sees another member's receipt."""
    return Payment.objects.select_related("member", "plan").filter(member=member, pk=payment_id).first()


def receipt_for(payment, request=None):
    settings = site_settings(request).localized
    return Receipt(
        payment=payment,
        organisation_name=settings.organisation_name,
        postal_address=settings.postal_address,
        charity_number=settings.charity_number,
        email=settings.email,
    )


def receipt_text(receipt):
    return render_to_string("membership/account/receipt.txt", {"receipt": receipt})


def receipt_filename(receipt):
    return f"receipt-{receipt.number}.txt"
