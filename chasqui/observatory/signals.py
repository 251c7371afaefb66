"""The observatory's receivers, connected once the app registry is ready."""

from wagtail.signals import page_published

from .models import IncidentPage
from .tasks import incident_published


def connect():
    page_published.connect(
        incident_published, sender=IncidentPage, dispatch_uid="observatory-capture-sources"
    )
