"""The stored Stripe webhook events about one member: shown in their data download, redacted on
erasure."""

from django.db import models
from django.db.models.functions import Cast

from ..models import StripeEvent


def stripe_events_about(member):
    """Events whose payload names the member (by email, membership number or a Stripe id)."""
    needles = [member.email, f'"{member.number}"']
    needles += [value for value in (member.stripe_customer_id, member.stripe_subscription_id) if value]
    query = models.Q()
    for needle in needles:
        query |= models.Q(payload_text__icontains=needle)
    return StripeEvent.objects.annotate(payload_text=Cast("payload", models.TextField())).filter(query)
