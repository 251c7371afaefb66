"""The API's documents, built only from public records (chasqui.observatory.public).

An incident is the exports' own row (`exports.incident_row`), so the API and the JSON download
describe an incident in the same words; the detail adds what only one incident's page shows.
Every `key` is the record's translation key: the same in English and Spanish.
"""

from django.utils.http import urlencode

from ..exports import incident_row


class Addresses:
    """Absolute addresses of the index's pages and of its API endpoints, for one request."""

    def __init__(self, index, request):
        self.index, self.request = index, request
        self.index_url = request.build_absolute_uri(index.get_url(request))

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else None

    def endpoint(self, name, params=None, **kwargs):
        url = self.index_url + self.index.reverse_subpage(name, kwargs=kwargs)
        return f"{url}?{urlencode(params)}" if params else url

    def incidents(self, **params):
        return self.endpoint("api_incidents", params)


def page_link(page, addresses):
    """A news item or publication named by an incident or actor: its title and address."""
    return {"title": page.title, "url": addresses.absolute(page.get_url(addresses.request))}


def actor_item(actor, addresses):
    return {
        "key": actor.key,
        "slug": actor.slug,
        "name": actor.name,
        "type": actor.actor_type,
        "type_label": actor.actor_type_label,
        "aliases": list(actor.aliases),
        "sensitive": actor.sensitive,
        "url": addresses.absolute(actor.url),
        "incidents_url": addresses.incidents(actor=actor.slug),
    }


def actor_detail(actor, news_items, publications, addresses):
    return {
        **actor_item(actor, addresses),
        "description": actor.description,
        "news_items": [page_link(page, addresses) for page in news_items],
        "publications": [page_link(page, addresses) for page in publications],
    }


def case_item(case, addresses):
    return {
        "key": case.key,
        "slug": case.slug,
        "title": case.title,
        "description": case.description,
        "url": addresses.absolute(case.url),
        "incidents_url": addresses.incidents(case=case.slug),
    }


def incident_item(record, addresses):
    """The exports' row, its addresses made absolute (a page's own record holds them relative)."""
    row = incident_row(record)
    row["url"] = addresses.absolute(row["url"])
    for actor in row["actors"]:
        actor["url"] = addresses.absolute(actor["url"])
    for source in row["sources"]:
        source["archived_url"] = addresses.absolute(source["archived_url"])
    return row


def incident_detail(record, case, news_items, addresses):
    """One incident: its row (sources included), the labels in the request's language, its case and news.

    `record.sources` is empty for a sensitive incident: public.py withholds them.
    """
    return {
        **incident_item(record, addresses),
        "date_label": record.date_label,
        "type_name": record.type_name,
        "verification_label": record.verification_label,
        "case_key": case.key if case else None,
        "case_url": addresses.absolute(case.url) if case else None,
        "news_items": [page_link(page, addresses) for page in news_items],
    }


def type_item(kind, addresses):
    return {
        "slug": kind.slug,
        "name": kind.display_name,
        "incidents_url": addresses.incidents(type=kind.slug),
    }


def region_item(region, addresses):
    return {
        "slug": region.slug,
        "name": region.display_name,
        "incidents_url": addresses.incidents(region=region.slug),
    }
