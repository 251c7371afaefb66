"""What the newsletter holds about a person (delivery records): shown in their data download and
removed when they ask for erasure. Connected in NewsletterConfig.ready."""

from django.db.models import Q

from .models import Delivery

ERASED_EMAIL = "erased-delivery-{pk}@invalid.example"


def _deliveries(email, subscriber_id=None):
    query = Q(email__iexact=(email or "").strip())
    if subscriber_id is not None:
        query |= Q(subscriber_id=subscriber_id)
    return Delivery.objects.filter(query)


def deliveries_for(email):
    """The bulletins sent (or tried) to the address: which, when, and how it went."""
    return [
        {
            "bulletin": str(delivery.bulletin),
            "email": delivery.email,
            "status": delivery.status,
            "attempts": delivery.attempts,
            "sent_at": delivery.sent_at,
            "last_error": delivery.last_error,
        }
        for delivery in _deliveries(email).select_related("bulletin").order_by("pk")
    ]


def forget_address(sender, *, email, subscriber_id=None, scrub=None, **kwargs):
    """Receiver of subscribers' `address_erased`: the deliveries keep their dates and statuses
    (the bulletin's figures), not the address nor any error text naming it."""
    for delivery in _deliveries(email, subscriber_id).select_for_update():
        delivery.email = ERASED_EMAIL.format(pk=delivery.pk)
        delivery.last_error = scrub(delivery.last_error) if scrub else ""
        delivery.save(update_fields=["email", "last_error"])
