"""The API addresses a change to an observatory page shows on, for the caches in front of the site.

Registered with core's `chasqui_affected_urls` hook. Only plain addresses are cached (the page
cache keeps no query string of the API's), so these are the whole list: the API's index and lists
in every language, the changed record's own detail in every language, and, for a change to the
index itself (which is how a change to the incident types or regions reaches every page), the
types and regions.
"""

from ..models import ActorPage, CasePage, IncidentIndexPage, IncidentPage

LISTS = ("api_index", "api_incidents", "api_actors", "api_cases")
DETAILS = ((IncidentPage, "api_incident"), (ActorPage, "api_actor"), (CasePage, "api_case"))


def api_urls(page):
    is_index = isinstance(page, IncidentIndexPage)
    detail = next((name for model, name in DETAILS if isinstance(page, model)), None)
    if not is_index and detail is None:
        return []
    index = page if is_index else IncidentIndexPage.objects.filter(path=page.path[: -page.steplen]).first()
    if index is None:
        return []
    names = [*LISTS, "api_types", "api_regions"] if is_index else LISTS
    urls = []
    for translation in index.get_translations(inclusive=True).live().specific():
        base = translation.get_full_url()
        if not base:
            continue
        urls += [base + translation.reverse_subpage(name) for name in names]
        if detail:
            urls.append(base + translation.reverse_subpage(detail, kwargs={"key": str(page.translation_key)}))
    return urls
