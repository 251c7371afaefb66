"""The observatory's receivers, connected once the app registry is ready: sources are captured when
an incident is published, and what the public pages keep (data_cache: the filters' choices and
years, the lists, the map, the figures) is forgotten when an incident, an actor or a case is
published, unpublished, saved, moved or deleted, singly or in bulk, and when an incident type or
a region is saved or deleted; an incident's page also follows the news items that report it
(published, unpublished, moved or deleted) and its sources' archived copies and link checks."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from chasqui.core.signals import pages_bulk_changed
from chasqui.news.models import NewsItemPage, Region

from .data_cache import forget
from .models import ActorPage, CasePage, IncidentPage, IncidentType, SourceLink
from .tasks import incident_published

RECORDS = (IncidentPage, ActorPage, CasePage)
SHOWN = (*RECORDS, NewsItemPage)  # pages whose title or address an observatory page shows


def _page_moved(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), SHOWN):
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
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("deleted", post_delete),
    ):
        signal.connect(forget, sender=NewsItemPage, dispatch_uid=f"observatory-data-NewsItemPage-{name}")
    for model in (IncidentType, Region, SourceLink):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(forget, sender=model, dispatch_uid=f"observatory-data-{model.__name__}-{name}")
    post_page_move.connect(_page_moved, dispatch_uid="observatory-data-moved")
    pages_bulk_changed.connect(forget, dispatch_uid="observatory-data-bulk")
