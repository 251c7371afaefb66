from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from chasqui.core.affected_urls import AFFECTED_URLS_HOOK
from chasqui.core.sections import HOME_SECTIONS_HOOK

from .home import NEWS_SECTION
from .models import NewsIndexPage, NewsItemPage, Region, Topic
from .views import FEED_CLASSES


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name", "name_es"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "capital", "slug"]
    search_fields = ["name"]


class ClassificationViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, RegionViewSet)
    menu_icon = "tag"
    menu_label = "Topics & regions"
    menu_name = "classification"


register_snippet(ClassificationViewSetGroup)


@hooks.register(HOME_SECTIONS_HOOK)
def news_section():
    return NEWS_SECTION


@hooks.register(AFFECTED_URLS_HOOK)
def news_item_urls(page):
    """Where a news item also shows: its index's topic, region and month archives, and their feeds."""
    if not isinstance(page, NewsItemPage):
        return []
    index = page.get_parent().specific
    index_url = index.get_full_url()
    if not index_url or not isinstance(index, NewsIndexPage):
        return []
    subpages = [("year", [page.date.year]), ("month", [page.date.year, page.date.month])]
    subpages += [(kind, [slug]) for kind, slugs in _classification_slugs(page) for slug in slugs]
    urls = [index_url + index.reverse_subpage(name, args=args) for name, args in subpages]
    feeds = [index_url + index.reverse_subpage("feed", args=[kind]) for kind in FEED_CLASSES]
    for kind, slugs in _classification_slugs(page):
        feeds += [
            index_url + index.reverse_subpage(f"{kind}_feed", args=[slug, feed_kind])
            for slug in slugs
            for feed_kind in FEED_CLASSES
        ]
    return urls + feeds


def _classification_slugs(page):
    return [
        ("topic", [topic.slug for topic in page.topics.all()]),
        ("region", [region.slug for region in page.regions.all()]),
    ]
