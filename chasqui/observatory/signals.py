"""The observatory's receivers, connected once the app registry is ready: sources are captured when
an incident is published, and the cached years of the incident filters follow incidents published,
moved or deleted, singly or in bulk."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from chasqui.core.signals import pages_bulk_changed

from .filters import forget_incident_years
from .models import IncidentPage
from .tasks import incident_published


def _page_moved(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), IncidentPage):
        forget_incident_years()


def connect():
    page_published.connect(
        incident_published, sender=IncidentPage, dispatch_uid="observatory-capture-sources"
    )
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("saved", post_save),
        ("deleted", post_delete),
    ):
        signal.connect(forget_incident_years, sender=IncidentPage, dispatch_uid=f"observatory-years-{name}")
    post_page_move.connect(_page_moved, dispatch_uid="observatory-years-moved")
    pages_bulk_changed.connect(forget_incident_years, dispatch_uid="observatory-years-bulk")
