from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from chasqui.core.sections import HOME_SECTIONS_HOOK

from .home import NEWS_SECTION
from .models import Region, Topic


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
