"""Where an incident also shows, for the caches in front of the site (core's affected-URLs hook):
the news archive of its region (the region panel), the news items that report it (their card) and
the sent bulletins it is in, each in the incident's language."""

from django.utils import translation

from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.newsletter.models import Bulletin

from .models import IncidentNewsItem, IncidentPage


def region_archive_urls(incident):
    if incident.region_id is None:
        return []
    urls = []
    with translation.override(incident.locale.language_code):
        for index in NewsIndexPage.objects.filter(locale_id=incident.locale_id):
            index_url = index.get_full_url()
            if index_url:
                urls.append(index_url + index.reverse_subpage("region", args=[incident.region.slug]))
    return urls


def incident_urls(page):
    """Every absolute address besides its own and its index's that shows `page` when it is an incident."""
    if not isinstance(page, IncidentPage):
        return []
    reported = IncidentNewsItem.objects.filter(page_id=page.pk).values("news_item__translation_key")
    items = NewsItemPage.objects.filter(locale_id=page.locale_id, translation_key__in=reported)
    bulletins = Bulletin.objects.sent().filter(incident_items__incident__translation_key=page.translation_key)
    urls = [item.get_full_url() for item in items]
    urls += [bulletin.get_full_url() for bulletin in bulletins.distinct()]
    return [url for url in region_archive_urls(page) + urls if url]
