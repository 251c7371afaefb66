"""The API's endpoints: each reads its parameters, gathers public records and returns a document.

Lists page by the index's own keyset cursor (listing.page_after), so every page costs what the
first costs; records come from records.py and record_context.py, as the HTML pages' do.
"""

import uuid

from django.utils.translation import gettext as _

from chasqui.core.models import SiteSettings
from chasqui.news.models import Region

from ..choices import ActorRole, ActorType, DatePrecision, Verification
from ..exports import LICENCE, LICENCE_URL
from ..listing import page_after
from ..models.actors import ActorPage
from ..models.cases import CasePage
from ..models.incidents import IncidentPage
from ..models.types import IncidentType
from ..public import public_actor, public_case
from ..record_context import actor_context, incident_context
from ..records import child_url, for_listing, public_incidents
from ..views import page_link
from . import params
from .http import api_view, not_found
from .representation import (
    Addresses,
    actor_detail,
    actor_item,
    case_item,
    incident_detail,
    incident_item,
    region_item,
    type_item,
)

VERSION = "1"
ENDPOINTS = ("incidents", "actors", "cases", "types", "regions")
VOCABULARIES = {
    "date_precision": DatePrecision,
    "verification": Verification,
    "actor_type": ActorType,
    "actor_role": ActorRole,
}


def paged(request, listing, results):
    """The list envelope: the total, the neighbouring pages' addresses (null at either end), the results."""
    links = {}
    for name, parameter, cursor in (
        ("next", "after", listing.next_cursor),
        ("previous", "before", listing.previous_cursor),
    ):
        link = page_link(request, parameter, cursor)
        links[name] = request.build_absolute_uri(request.path + link) if link else None
    return {"count": listing.count, **links, "results": results}


def whole(results):
    """A short list (types, regions) in the same envelope, on one page."""
    return {"count": len(results), "next": None, "previous": None, "results": results}


def found(queryset, key, message):
    """The record with this translation key, or a 404 naming what was looked for."""
    try:
        uuid.UUID(key)
    except ValueError:
        raise not_found(message) from None
    record = queryset.filter(translation_key=key).first()
    if record is None:
        raise not_found(message)
    return record


def public_pages(model, index):
    return model.objects.child_of(index).live().public()


@api_view
def api_index(index, request):
    params.check_names(request, ())
    addresses = Addresses(index, request)
    translations = index.get_translations().live().select_related("locale")
    return {
        "title": index.title,
        "version": VERSION,
        "language": index.locale.language_code,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "cite": _("%(organisation)s, %(title)s, %(url)s, with the date you downloaded the data.")
        % {
            "organisation": SiteSettings.for_request(request).organisation_name,
            "title": index.title,
            "url": addresses.index_url,
        },
        "documentation": addresses.index_url + index.reverse_subpage("data") + "#api",
        "endpoints": {name: addresses.endpoint(f"api_{name}") for name in ENDPOINTS},
        "other_languages": {
            page.locale.language_code: addresses.absolute(page.get_url(request))
            + index.reverse_subpage("api_index")
            for page in translations
        },
        "vocabularies": {
            name: {value: str(label) for value, label in choices.choices}
            for name, choices in VOCABULARIES.items()
        },
    }


@api_view
def incident_list(index, request):
    _filters, queryset, paging = params.incident_query(index, request)
    listing = page_after(for_listing(queryset), paging.after, paging.before, paging.limit)
    addresses = Addresses(index, request)
    records = public_incidents(listing.items, addresses.index_url)
    return paged(request, listing, [incident_item(record, addresses) for record in records])


@api_view
def incident(index, request, key):
    params.check_names(request, ())
    queryset = for_listing(IncidentPage.objects.child_of(index).published())
    page = found(queryset, key, _("No incident has this key in this language."))
    context = incident_context(page, request)
    addresses = Addresses(index, request)
    case = context["case_page"]
    case = public_case(case, child_url(addresses.index_url, case)) if case else None
    return incident_detail(context["record"], case, context["news_items"], addresses)


@api_view
def actor_list(index, request):
    paging = params.record_paging(request)
    listing = page_after(public_pages(ActorPage, index), paging.after, paging.before, paging.limit, "pk")
    addresses = Addresses(index, request)
    actors = [public_actor(actor, child_url(addresses.index_url, actor)) for actor in listing.items]
    return paged(request, listing, [actor_item(actor, addresses) for actor in actors])


@api_view
def actor(index, request, key):
    params.check_names(request, ())
    page = found(public_pages(ActorPage, index), key, _("No actor has this key in this language."))
    context = actor_context(page, request)
    return actor_detail(
        context["actor"], context["news_items"], context["publications"], Addresses(index, request)
    )


@api_view
def case_list(index, request):
    paging = params.record_paging(request)
    listing = page_after(public_pages(CasePage, index), paging.after, paging.before, paging.limit, "pk")
    addresses = Addresses(index, request)
    cases = [public_case(case, child_url(addresses.index_url, case)) for case in listing.items]
    return paged(request, listing, [case_item(case, addresses) for case in cases])


@api_view
def case(index, request, key):
    params.check_names(request, ())
    page = found(public_pages(CasePage, index), key, _("No case has this key in this language."))
    addresses = Addresses(index, request)
    return case_item(public_case(page, child_url(addresses.index_url, page)), addresses)


@api_view
def type_list(index, request):
    params.check_names(request, ())
    addresses = Addresses(index, request)
    return whole([type_item(kind, addresses) for kind in IncidentType.objects.all()])


@api_view
def region_list(index, request):
    params.check_names(request, ())
    addresses = Addresses(index, request)
    return whole([region_item(region, addresses) for region in Region.objects.all()])


@api_view
def unknown(index, request, rest=""):
    message = _("The API has no such address; its endpoints are listed at %(url)s.")
    raise not_found(message % {"url": Addresses(index, request).endpoint("api_index")})
