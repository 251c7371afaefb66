"""Recording incidents, actors and cases from code (the demo, tests, and later the CSV import),
as the editor's Publish button does: a page under the index, then a published revision."""

from django.db import transaction
from django.utils.text import slugify

from .models.actors import ActorPage
from .models.cases import CasePage
from .models.incidents import IncidentActor, IncidentNewsItem, IncidentPage, IncidentSource


def _publish(index, page, live):
    page.slug = page.slug or slugify(page.title)[:80]
    page.locale_id = index.locale_id  # as the editor's add form does: the language of the index
    page.full_clean(exclude=["path", "depth", "url_path", "locale", "translation_key", "live"])
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return page


@transaction.atomic
def add_actor(index, title, actor_type, live=True, **fields):
    return _publish(index, ActorPage(title=title, actor_type=actor_type, **fields), live)


@transaction.atomic
def add_case(index, title, live=True, **fields):
    return _publish(index, CasePage(title=title, **fields), live)


@transaction.atomic
def add_incident(index, title, *, actors=(), sources=(), news_items=(), live=True, **fields):
    """`actors` are (ActorPage, role) pairs; `sources` dicts of IncidentSource fields (an
    `archived_copy` given as a django File)."""
    incident = IncidentPage(title=title, **fields)
    incident.actor_links = [IncidentActor(actor=actor, role=role) for actor, role in actors]
    incident.sources = [IncidentSource(**source) for source in sources]
    for source in incident.sources.all():
        source.record_archived_copy()  # as the editor's form does: checked by content, checksum noted
    incident.news_links = [IncidentNewsItem(news_item=item) for item in news_items]
    return _publish(index, incident, live)
