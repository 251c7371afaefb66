"""The incidents a news item reports, shown on the news item's page through core's page-extras hook."""

from django.template.loader import render_to_string

from chasqui.news.models import NewsItemPage

from .models.incidents import IncidentPage
from .record_context import index_of
from .records import for_listing, public_incidents

CARD_LIMIT = 10


def news_item_incidents(page, request):
    """The card's HTML, or "" for other pages and for items that report no incident (one query then)."""
    if not isinstance(page, NewsItemPage):
        return ""
    incidents = list(
        for_listing(
            IncidentPage.objects.published().filter(
                locale_id=page.locale_id, news_links__news_item__translation_key=page.translation_key
            )
        )
        .distinct()
        .newest_first()[:CARD_LIMIT]
    )
    if not incidents:
        return ""
    _index, index_url = index_of(incidents[0], request)
    records = public_incidents(incidents, index_url, with_actors=False)
    return render_to_string("observatory/includes/news_item_incidents.html", {"incidents": records}, request)
