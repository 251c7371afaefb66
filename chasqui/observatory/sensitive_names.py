"""Sensitive names in rich text: a person at risk, marked in the editor, is stored as a reference.

The editor selects the name and chooses a sensitive actor; the stored rich text is then
`<a linktype="sensitive" id="42">A community leader</a>`, the text being the actor's title (its
public description) written at conversion to the database format, whatever the editor had typed.
So the real name is never in the rich text, its revisions, the search index or the cache, and every
output that reads the stored text (pages, feeds, bulletins, search) shows the description. Pages link
it to the actor's page in the reader's language while that page is live.
"""

from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.rich_text import LinkHandler

from chasqui.core.blocks import SENSITIVE_NAME_FEATURE

from .models import ActorPage

LINKTYPE = "sensitive"
ENTITY_TYPE = "SENSITIVE_NAME"
CHOOSER_URL_NAME = "sensitive_actor_chooser:choose"


def actor_ids(values):
    """The integer ids among `values`; anything else names no actor."""
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def actors_by_id(values):
    ids = actor_ids(values)
    if not ids:
        return {}
    return {actor.pk: actor for actor in ActorPage.objects.filter(pk__in=ids)}


def actor_for(value):
    ids = actor_ids([value])
    return actors_by_id(ids).get(ids[0]) if ids else None


def sensitive_name_entity(props):
    """Contentstate to database: the actor's reference and its public description, nothing typed."""
    actor = actor_for(props.get("id"))
    if actor is None:
        return DOM.create_element("a", {"linktype": LINKTYPE}, _("[name withheld]"))
    return DOM.create_element("a", {"linktype": LINKTYPE, "id": str(actor.pk)}, actor.title)


class SensitiveNameElementHandler(InlineEntityElementHandler):
    """Database to contentstate: the entity keeps the actor's id and, for the editor, its description."""

    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs):
        actor = actor_for(attrs.get("id"))
        if actor is None:
            return {"id": None, "label": _("[name withheld]")}
        return {"id": actor.pk, "label": actor.title}


class SensitiveNameLinkHandler(LinkHandler):
    """Front end: a link to the actor's page in the reader's language while it is live, else no link."""

    identifier = LINKTYPE

    @staticmethod
    def get_model():
        return ActorPage

    @classmethod
    def get_many(cls, attrs_list):
        found = actors_by_id([attrs.get("id") for attrs in attrs_list])
        return [
            found.get(actor_id) for attrs in attrs_list for actor_id in actor_ids([attrs.get("id")]) or [None]
        ]

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for actor in cls.get_many(attrs_list):
            shown = actor.localized if actor is not None else None
            url = shown.url if shown is not None and shown.live else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags

    @classmethod
    def extract_references(cls, attrs):
        for actor_id in actor_ids([attrs.get("id")]):
            yield ActorPage, str(actor_id), "", ""


def register_sensitive_name_feature(features):
    """The "sensitive-name" rich text feature: a toolbar button, its conversions and its link type."""
    features.register_link_type(SensitiveNameLinkHandler)
    features.register_editor_plugin(
        "draftail",
        SENSITIVE_NAME_FEATURE,
        EntityFeature(
            {
                "type": ENTITY_TYPE,
                "icon": "user",
                "description": gettext_lazy("Sensitive name"),
                "chooserUrls": {"sensitiveActorChooser": reverse_lazy(CHOOSER_URL_NAME)},
            },
            js=["wagtailadmin/js/chooser-modal.js", "observatory/js/sensitive-name.js"],
            css={"all": ["observatory/css/sensitive-name.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        SENSITIVE_NAME_FEATURE,
        {
            "from_database_format": {f'a[linktype="{LINKTYPE}"]': SensitiveNameElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: sensitive_name_entity}},
        },
    )
