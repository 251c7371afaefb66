"""Public records in bulk: a list of incidents becomes PublicIncidents in a fixed number of queries.

Links between records point at whichever language's page the editor chose; they are followed by
translation key, so a Spanish incident shows the Spanish page of an actor chosen in English.
Model classes are looked up by name: the page models call into this module.
"""

from collections import defaultdict

from django.apps import apps

from .public import public_actor, public_incident


def model(name):
    return apps.get_model("observatory", name)


def same_language(pages, locale_id, page_model, live_only=True):
    """{translation_key: page} of `pages`' translations in `locale_id`, the page itself when none."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    translated = page_model.objects.filter(translation_key__in=keys, locale_id=locale_id)
    if live_only:
        translated = translated.live()
    found = {page.translation_key: page for page in translated}
    return {page.translation_key: found.get(page.translation_key, page) for page in pages}


def child_url(index_url, page):
    return f"{index_url}{page.slug}/" if index_url else ""


def public_actors_of(incidents, index_url):
    """{incident pk: [(PublicActor, role, role label)]} in two queries."""
    if len(incidents) == 1:
        # One page's own links: in a preview, the editor's unsaved ones.
        links = list(incidents[0].actor_links.select_related("actor"))
    else:
        links = list(
            model("IncidentActor")
            .objects.filter(page_id__in=[i.pk for i in incidents])
            .select_related("actor")
            .order_by("page_id", "sort_order")
        )
    if not links:
        return {}
    locale_id = incidents[0].locale_id
    actors = same_language([link.actor for link in links], locale_id, model("ActorPage"))
    by_incident = defaultdict(list)
    for link in links:
        actor = actors[link.actor.translation_key]
        url = child_url(index_url, actor) if actor.live and actor.locale_id == locale_id else ""
        page_id = link.page.pk if link.page_id is None else link.page_id
        by_incident[page_id].append((public_actor(actor, url), link.role, str(link.get_role_display())))
    return by_incident


def sources_of(incidents):
    """{incident pk: [IncidentSource]} of the incidents whose sources may be shown, in one query."""
    shown = [incident for incident in incidents if not incident.is_sensitive]
    if len(shown) == 1:
        # One page's own sources: in a preview, the editor's unsaved ones.
        return {shown[0].pk: list(shown[0].sources.all())}
    by_incident = defaultdict(list)
    if shown:
        rows = model("IncidentSource").objects.filter(page_id__in=[i.pk for i in shown])
        for source in rows.order_by("page_id", "sort_order"):
            by_incident[source.page_id].append(source)
    return by_incident


def archived_copy_url(index_url, source):
    """Where the incidents index serves a saved source's archived copy."""
    if not index_url or source.pk is None:
        return ""
    return index_url + model("IncidentIndexPage").get_resolver().reverse("archived_copy", source.pk)


def source_details(sources, index_url):
    """({address: SourceLink}, {source pk: archived copy URL}) for these sources, in one query."""
    urls = {source.url for source in sources if source.url}
    links = {link.url: link for link in model("SourceLink").objects.filter(url__in=urls)} if urls else {}
    return links, {source.pk: archived_copy_url(index_url, source) for source in sources}


def case_titles_of(incidents):
    """{incident pk: its case's title in the incidents' language}, in one query: the linked case's
    title when that case is not translated (or its translation is not live)."""
    linked = [incident.case for incident in incidents if incident.case_id]
    cases = same_language(linked, incidents[0].locale_id, model("CasePage"))
    return {
        incident.pk: cases[incident.case.translation_key].title for incident in incidents if incident.case_id
    }


def public_incidents(incidents, index_url, with_actors=True, with_sources=False):
    """PublicIncidents for `incidents` (a list fetched with `for_listing`), in their order."""
    incidents = list(incidents)
    if not incidents:
        return []
    case_titles = case_titles_of(incidents)
    actors = public_actors_of(incidents, index_url) if with_actors else {}
    sources = sources_of(incidents) if with_sources else {}
    links, archived_urls = source_details([s for rows in sources.values() for s in rows], index_url)
    return [
        public_incident(
            incident,
            url=child_url(index_url, incident),
            actors=actors.get(incident.pk, ()),
            sources=sources.get(incident.pk, ()),
            case_title=case_titles.get(incident.pk, ""),
            links=links,
            archived_urls=archived_urls,
        )
        for incident in incidents
    ]


def for_listing(queryset):
    """The columns and relations a public record needs, and none of the page's heavier ones."""
    return queryset.select_related("region", "incident_type", "case").defer_streamfields()
