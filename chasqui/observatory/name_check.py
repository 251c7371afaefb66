"""The safety net: content naming a sensitive actor (real name or alias) in its public text, unmarked,
is refused before it is saved, with the field named, so the name reaches no revision or output.

Registered with the `chasqui_content_checks` hook (chasqui/core/content_checks.py), which every
page's and bulletin's `clean()` runs: the admin's forms, autosave and the services all go through it.
The page's own text fields are read, and those of its child rows (a news item's sources, say), which
the admin's page form puts on the page as the editor submitted them (chasqui/core/page_form.py).
Names are found by `named_in`, the one rule for it. A name marked as a sensitive name is stored as the
actor's description, so it never trips this check. Messages name the field and row, never the name.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField, StreamField

from .models.actors import ActorPage, named_in

TAG = re.compile(r"<[^>]*>")
# Text fields Wagtail derives from others (the title and slug are checked themselves).
DERIVED_FIELDS = frozenset({"path", "url_path", "draft_title"})
# Editors' comments on a page are never published.
PRIVATE_RELATIONS = frozenset({"wagtail_admin_comments"})


@dataclass(frozen=True)
class Place:
    """Where a text is: a field of the object, or of row `number` (from 1) of its child rows `rows`."""

    field: str
    rich: bool = False
    rows: str = ""
    number: int = 0


def plain(text):
    return unescape(TAG.sub(" ", text))


def stream_strings(raw):
    """Every string in a StreamField's stored JSON: its texts, rich texts and captions."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in ("type", "id"):
                yield from stream_strings(value)
    elif isinstance(raw, (list, tuple)):
        for value in raw:
            yield from stream_strings(value)


def field_texts(obj, private=(), **place):
    """(Place, plain text) of each editable, non-empty text field of `obj` not in `private`."""
    for field in obj._meta.concrete_fields:
        if not field.editable or field.name in private or field.choices:
            continue
        value = getattr(obj, field.attname, None)
        if isinstance(field, StreamField):
            text = "\n".join(stream_strings(list(value.raw_data) if value is not None else []))
        elif isinstance(field, (models.CharField, models.TextField)):
            text = value or ""
        else:
            continue
        if text:
            rich = isinstance(field, (StreamField, RichTextField))
            yield Place(str(field.verbose_name), rich=rich, **place), plain(text)


def row_labels(obj):
    """{relation name: the label of its inline panel in the editor}, for the pages that have one."""
    labels = {}
    panels = [type(obj).get_edit_handler()] if hasattr(type(obj), "get_edit_handler") else []
    while panels:
        panel = panels.pop()
        if isinstance(panel, InlinePanel):
            labels[panel.relation_name] = panel.label
        panels.extend(getattr(panel, "children", ()))
    return labels


def public_texts(obj):
    """{Place: plain text} of the public text of `obj` and of its child rows."""
    private = set(getattr(obj, "private_text_fields", ())) | DERIVED_FIELDS
    texts = dict(field_texts(obj, private))
    relations = [
        relation
        for relation in get_all_child_relations(obj)
        if relation.get_accessor_name() not in private | PRIVATE_RELATIONS
    ]
    labels = row_labels(obj) if relations else {}
    for relation in relations:
        name = relation.get_accessor_name()
        label = str(capfirst(labels.get(name) or relation.related_model._meta.verbose_name_plural))
        parent_key = relation.field.name
        for number, row in enumerate(getattr(obj, name).all(), start=1):
            texts.update(field_texts(row, {parent_key}, rows=label, number=number))
    return texts


def sensitive_names():
    """(translation key, public description, names) of every sensitive actor."""
    actors = ActorPage.objects.filter(is_sensitive=True).values_list(
        "translation_key", "title", "real_name", "other_names"
    )
    for key, title, real_name, other_names in actors:
        names = [name.strip() for name in [real_name, *other_names.splitlines()] if name.strip()]
        yield key, title, names


def message(place, description):
    values = {"field": place.field, "description": description, "rows": place.rows, "number": place.number}
    if place.rows:
        text = _(
            "“%(field)s” in row %(number)d of “%(rows)s” names a person at risk (%(description)s): "
            "write the public description instead of the name, or leave it out."
        )
    elif place.rich:
        text = _(
            "“%(field)s” names a person at risk (%(description)s) without marking it: select the name "
            "and mark it with the “Sensitive name” button, which shows the description instead."
        )
    else:
        text = _(
            "“%(field)s” names a person at risk (%(description)s): write the public description instead "
            "of the name, or leave it out."
        )
    return text % values


def unmarked_sensitive_names(obj):
    """A message for each public field or row field of `obj` naming a sensitive actor unmarked."""
    texts = public_texts(obj)
    if not texts:
        return []
    own_key = getattr(obj, "translation_key", None) if isinstance(obj, ActorPage) else None
    messages = []
    for key, description, names in sensitive_names():
        if key == own_key:
            continue  # the actor's own page: ActorPage.clean() keeps its name out of its public fields
        places = {place: None for name in names for place in named_in(name, texts)}
        order = list(texts)
        messages += [message(place, description) for place in sorted(places, key=order.index)]
    return messages
