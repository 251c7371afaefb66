"""Every call to Stripe's HTTP API goes through here (and tests stub it here, at the HTTP boundary)."""

import datetime

import stripe
from django.conf import settings
from django.utils import timezone

from ..choices import MembershipStatus, PaymentMethod

CURRENCY = "gbp"


def is_configured():
    """Card payments are offered only when the site has Stripe keys."""
    return bool(settings.STRIPE_SECRET_KEY)


def client():
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=stripe.RequestsClient(), max_network_retries=2
    )


def create_checkout_session(member, plan, method, *, success_url, cancel_url):
    """A Stripe Checkout page for one year of membership: a one-off payment, or a yearly
    subscription for `card_subscription`. Returns the session (its `url` is where the member goes)."""
    metadata = {"member_id": str(member.pk), "member_number": member.number, "plan": plan.slug}
    price_data = {
        "currency": CURRENCY,
        "unit_amount": plan.price_pence,
        "product_data": {"name": f"{plan.name} membership"},
    }
    params = {
        "client_reference_id": str(member.pk),
        "customer_email": member.email,
        "metadata": metadata,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "es" if member.language == "es" else "en",
    }
    if method == PaymentMethod.CARD_SUBSCRIPTION:
        price_data["recurring"] = {"interval": "year"}
        params["mode"] = "subscription"
        # The subscription carries the member too, so its invoices find them whatever order
        # Stripe's events arrive in.
        params["subscription_data"] = {"metadata": metadata}
        first_charge = first_subscription_charge(member)
        if first_charge:
            params["subscription_data"]["trial_end"] = int(first_charge.timestamp())
    else:
        params["mode"] = "payment"
        params["payment_intent_data"] = {"metadata": metadata, "description": f"Membership {member.number}"}
    params["line_items"] = [{"price_data": price_data, "quantity": 1}]
    return client().v1.checkout.sessions.create(params=params)


def first_subscription_charge(member, today=None):
    """When a member who has already paid for this year switches to a subscription, Stripe first
    charges on their expiry date (not today), so the year they paid for is not paid twice.

    None means charge now: nothing left to run, or too little for Stripe (it needs two days' notice).
    """
    today = today or timezone.localdate()
    if member.status != MembershipStatus.ACTIVE or not member.expires_on:
        return None
    if member.expires_on <= today + datetime.timedelta(days=2):
        return None
    return datetime.datetime.combine(member.expires_on, datetime.time(9), tzinfo=datetime.UTC)


def cancel_subscription(subscription_id):
    """Stop an automatic yearly renewal (the member cancelled)."""
    return client().v1.subscriptions.cancel(subscription_id)
