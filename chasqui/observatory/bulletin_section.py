"""The bulletin's "This week's incidents": the incidents published in the bulletin's week.

Registered with core's bulletin-sections hook, so the newsletter drafts, edits and renders it
without knowing the observatory. Every fact shown comes from the public records (`public.py`):
a sensitive incident shows its month, never its day.
"""

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import InlinePanel

from chasqui.core.bulletin_sections import BulletinEntry, BulletinSection, BulletinSectionContent
from chasqui.core.sites import absolute_url

from .models import BulletinIncident, IncidentIndexPage, IncidentPage
from .records import for_listing, public_incidents
from .templatetags.observatory_tags import known

KEY = "incidents"


def incident_limit():
    """At most this many incidents are drafted into one bulletin (a bulk import in the week would
    otherwise fill it); set by CHASQUI_BULLETIN_INCIDENTS, 0 for none. Editors add more by hand."""
    return getattr(settings, "CHASQUI_BULLETIN_INCIDENTS", 20)


def published_since(language, since):
    """Live public incidents in `language` first published after `since`, not in a bulletin yet."""
    used = BulletinIncident.objects.filter(bulletin__language=language).values("incident_id")
    return (
        IncidentPage.objects.published()
        .filter(locale__language_code=language, first_published_at__gt=since)
        .exclude(pk__in=used)
    )


def prefill(bulletin, since):
    """The week's incidents, oldest first by their public date; two queries whatever their number.

    Over the limit, the ones that happened most recently are kept."""
    limit = incident_limit()
    if not limit:
        return
    rows = published_since(bulletin.language, since).order_by("-public_date", "-pk")
    picked = list(rows.values_list("pk", flat=True)[:limit])
    BulletinIncident.objects.bulk_create(
        BulletinIncident(bulletin=bulletin, incident_id=pk, sort_order=position)
        for position, pk in enumerate(reversed(picked))
    )


def chosen_ids(bulletin):
    """The incidents the editor kept, in the editor's order (unsaved ones too, for a preview)."""
    rows = sorted(bulletin.incident_items.all(), key=lambda row: (row.sort_order or 0, row.pk or 0))
    return list(dict.fromkeys(row.incident_id for row in rows if row.incident_id))


def in_language(ids, language):
    """Each chosen incident's live public page in `language`, or the chosen page itself when it has
    none; two queries."""
    keys = dict(IncidentPage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    pages = for_listing(
        IncidentPage.objects.published().filter(translation_key__in=set(keys.values()))
    ).annotate(language=F("locale__language_code"))
    by_key, by_pk = {}, {}
    for page in pages:
        by_pk[page.pk] = page
        if page.language == language:
            by_key[page.translation_key] = page
    found = (by_key.get(keys[pk]) or by_pk.get(pk) for pk in ids if pk in keys)
    return list(dict.fromkeys(page for page in found if page is not None))


def records(incidents):
    """PublicIncidents with absolute addresses, the indexes above them found in one query."""
    parents = {page.pk: page.path[: -page.steplen] for page in incidents}
    indexes = IncidentIndexPage.objects.filter(path__in=set(parents.values()))
    urls = {index.path: absolute_url(index.get_url() or "") for index in indexes}
    by_pk = {}
    for path in urls:
        group = [page for page in incidents if parents[page.pk] == path]
        by_pk.update({record.id: record for record in public_incidents(group, urls[path], with_actors=False)})
    return [by_pk[page.pk] for page in incidents if page.pk in by_pk]


def counts_line(record):
    """Killed, injured and detained as the site shows them: unknown is not zero."""
    counts = ((_("Killed"), record.killed), (_("Injured"), record.injured), (_("Detained"), record.detained))
    return " · ".join(f"{label}: {known(count)}" for label, count in counts)


def entry(record):
    facts = [record.date_label, record.region.name if record.region else "", record.type_name]
    return BulletinEntry(
        title=record.title,
        url=record.url,
        lines=(" · ".join(fact for fact in facts if fact), counts_line(record)),
    )


def content(bulletin):
    ids = chosen_ids(bulletin)
    if not ids:
        return None
    entries = tuple(entry(record) for record in records(in_language(ids, bulletin.language)))
    return BulletinSectionContent(key=KEY, heading=_("This week's incidents"), entries=entries)


BULLETIN_INCIDENTS = BulletinSection(
    key=KEY,
    panels=(
        InlinePanel(
            "incident_items",
            label=gettext_lazy("Incident"),
            heading=gettext_lazy("This week's incidents"),
            help_text=gettext_lazy(
                "Drafted with the incidents published since the last bulletin; only what the public "
                "sees of each is sent."
            ),
        ),
    ),
    prefill=prefill,
    content=content,
)
