"""Which payment methods work right now: the one rule every form and page that offers them uses.

Card payments (once a year, or renewing automatically) need Stripe's keys; without them only
the offline methods (standing order, bank transfer, cheque) are offered.
"""

from ..choices import PaymentMethod
from . import stripe_client

CARD_METHODS = (PaymentMethod.CARD, PaymentMethod.CARD_SUBSCRIPTION)


def card_payments_available():
    return stripe_client.is_configured()


def available_payment_methods():
    card = list(CARD_METHODS) if card_payments_available() else []
    return [*card, *PaymentMethod.offline()]


def payment_method_choices():
    return [(method.value, method.label) for method in available_payment_methods()]
