"""Recording many incidents at once, straight to the tables: synthetic archives and tests at scale.

`services.add_incident` saves one page through treebeard and a revision, tens of milliseconds
each; this writes a thousand incidents a statement with `chasqui.core.bulk`, live and without
revisions, as the news generator does. The public date and coordinates are kept by the same
`IncidentPage.keep_public_values` that `save()` calls, so lists and the map read what they
would after a save.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from chasqui.core import bulk

from .models.incidents import IncidentActor, IncidentPage, IncidentSource

BATCH_SIZE = 1000


def page_row(index, incident, step, content_type_id, published_at):
    """The wagtailcore_page row of `incident` as the index's child number `step`."""
    slug = incident.slug or f"{slugify(incident.title)[:70].rstrip('-')}-{step}"
    incident.slug = slug
    return {
        "title": incident.title,
        "draft_title": incident.title,
        "slug": slug,
        "content_type_id": content_type_id,
        "path": bulk.child_path(index, step),
        "depth": index.depth + 1,
        "numchild": 0,
        "url_path": f"{index.url_path}{slug}/",
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published_at,
        "last_published_at": published_at,
        "latest_revision_created_at": published_at,
        "locale_id": index.locale_id,
        "translation_key": uuid.uuid4(),
    }


def incident_row(incident, pk):
    incident.keep_public_values()
    values = {
        field.attname: getattr(incident, field.attname) for field in IncidentPage._meta.local_concrete_fields
    }
    return values | {"page_ptr_id": pk}


def write_batch(index, incidents, first_step, content_type_id, published_at):
    pages = [
        page_row(index, incident, first_step + n, content_type_id, published_at)
        for n, incident in enumerate(incidents)
    ]
    bulk.insert_rows(Page, pages)
    ids = bulk.page_ids_by_path([page["path"] for page in pages])
    rows, links, sources = [], [], []
    for page, incident in zip(pages, incidents, strict=True):
        pk = incident.pk = incident.page_ptr_id = ids[page["path"]]
        rows.append(incident_row(incident, pk))
        for order, link in enumerate(incident.actor_links.all()):
            links.append({"page_id": pk, "sort_order": order, "actor_id": link.actor_id, "role": link.role})
        for order, source in enumerate(incident.sources.all()):
            fields = {f.attname: getattr(source, f.attname) for f in IncidentSource._meta.concrete_fields}
            sources.append(fields | {"page_id": pk, "sort_order": order})
    bulk.insert_rows(IncidentPage, rows)
    bulk.insert_rows(IncidentActor, links)
    bulk.insert_rows(IncidentSource, sources)
    return [incident.pk for incident in incidents]


@transaction.atomic
def add_incidents(index, incidents, published_at=None):
    """Write `incidents` (unsaved IncidentPages; `actor_links` and `sources` set as for
    `services.add_incident`) live under `index`, in order; returns their ids."""
    content_type_id = ContentType.objects.get_for_model(IncidentPage).pk
    published_at = published_at or timezone.now()
    first_step = bulk.next_child_step(index)
    ids = []
    for start in range(0, len(incidents), BATCH_SIZE):
        batch = incidents[start : start + BATCH_SIZE]
        ids += write_batch(index, batch, first_step + start, content_type_id, published_at)
    bulk.finish(index, len(incidents))
    bulk.refresh_statistics([Page, IncidentPage, IncidentActor, IncidentSource])
    return ids
