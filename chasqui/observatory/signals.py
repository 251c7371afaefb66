"""The observatory's receivers, connected once the app registry is ready: sources are captured when
an incident is published, and what the public pages keep (data_cache: the filters' choices and
years, the lists, the map, the figures) is forgotten when an incident, an actor or a case is
published, unpublished, saved, moved or deleted, singly or in bulk, and when an incident type or
a region is saved or deleted."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from chasqui.core.signals import pages_bulk_changed
from chasqui.news.models import Region

from .data_cache import forget
from .models import ActorPage, CasePage, IncidentPage, IncidentType
from .tasks import incident_published

RECORDS = (IncidentPage, ActorPage, CasePage)


def _page_moved(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), RECORDS):
        forget()


def connect():
    page_published.connect(
        incident_published, sender=IncidentPage, dispatch_uid="observatory-capture-sources"
    )
    for model in RECORDS:
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("saved", post_save),
            ("deleted", post_delete),
        ):
            uid = f"observatory-data-{model.__name__}-{name}"
            signal.connect(forget, sender=model, dispatch_uid=uid)
    for model in (IncidentType, Region):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(forget, sender=model, dispatch_uid=f"observatory-data-{model.__name__}-{name}")
    post_page_move.connect(_page_moved, dispatch_uid="observatory-data-moved")
    pages_bulk_changed.connect(forget, dispatch_uid="observatory-data-bulk")
