"""Bounces, complaints and unsubscribes reported by the mail provider through django-anymail."""

from . import services


def record_tracking_event(sender, event, esp_name, **kwargs):
    """Anymail's `tracking` signal: mark the address so no further bulletin goes to it."""
    if event.event_type not in services.PROVIDER_EVENTS:
        return
    detail = " · ".join(
        part
        for part in (esp_name, event.reject_reason or "", event.description or "", event.event_id or "")
        if part
    )
    services.record_provider_event(event.recipient, event.event_type, detail=detail)
