"""The safety net: content naming a sensitive actor (real name or alias) in its public text, unmarked,
is refused before it is saved, with the field named, so the name reaches no revision or output.

Registered with the `chasqui_content_checks` hook (chasqui/core/content_checks.py), which every
page's and bulletin's `clean()` runs: the admin's forms, autosave and the services all go through it.
A name marked as a sensitive name is stored as the actor's description, so it never trips this check.
"""

import re
from html import unescape

from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import StreamField

from .models.actors import ActorPage, named_in

TAG = re.compile(r"<[^>]*>")
# Text fields Wagtail derives from others (the title and slug are checked themselves).
DERIVED_FIELDS = frozenset({"path", "url_path", "draft_title"})


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


def public_texts(obj):
    """The public text of each editable text field of `obj`, by field verbose name."""
    private = set(getattr(obj, "private_text_fields", ())) | DERIVED_FIELDS
    texts = {}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.name in private:
            continue
        value = getattr(obj, field.attname, None)
        if isinstance(field, StreamField):
            text = "\n".join(stream_strings(list(value.raw_data) if value is not None else []))
        elif isinstance(field, (models.CharField, models.TextField)):
            text = value or ""
        else:
            continue
        if text:
            texts[str(field.verbose_name)] = plain(text)
    return texts


def sensitive_names():
    """(translation key, public description, names) of every sensitive actor."""
    actors = ActorPage.objects.filter(is_sensitive=True).values_list(
        "translation_key", "title", "real_name", "other_names"
    )
    for key, title, real_name, other_names in actors:
        names = [name.strip() for name in [real_name, *other_names.splitlines()] if name.strip()]
        yield key, title, names


def unmarked_sensitive_names(obj):
    """A message for each public field of `obj` that names a sensitive actor without marking it."""
    texts = public_texts(obj)
    if not texts:
        return []
    own_key = getattr(obj, "translation_key", None) if isinstance(obj, ActorPage) else None
    messages = []
    for key, description, names in sensitive_names():
        if key == own_key:
            continue  # the actor's own page: ActorPage.clean() keeps its name out of its public fields
        fields = sorted({field for name in names for field in named_in(name, texts)})
        messages += [
            _(
                "“%(field)s” names a person at risk (%(description)s) without marking it: select the name "
                "and mark it with the “Sensitive name” button, which shows the description instead."
            )
            % {"field": field, "description": description}
            for field in fields
        ]
    return messages
