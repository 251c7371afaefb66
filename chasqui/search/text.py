"""Plain text of a page for the search index, read from the fields its type declares searchable.

StreamField content is read from its stored JSON, block definition by block
definition, which is many times faster than building every block's value; that
matters when a whole archive is re-indexed. Blocks and paragraphs end with a line
break, so a heading never runs into the text after it.
"""

import re
from html import unescape

from django.core.exceptions import FieldDoesNotExist
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from .query import clean_text

BLOCK_END = re.compile(r"</(?:p|h\d|li|blockquote|div|td|th)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
# Struct fields that name a place in the page (a section's anchor) rather than say anything.
IDENTIFIER_FIELDS = frozenset({"anchor"})


def rich_text_to_plain(html: str) -> str:
    return unescape(TAG.sub("", BLOCK_END.sub("\n", html or "")))


def _block_texts(block, raw):
    if raw is None or not getattr(block.meta, "search_index", True):
        return
    if isinstance(block, blocks.RichTextBlock):
        yield rich_text_to_plain(raw if isinstance(raw, str) else getattr(raw, "source", ""))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(raw)
    else:
        yield from _child_texts(block, raw)


def _child_texts(block, raw):
    """The texts inside a container block: a stream's items, a struct's fields, a list's items."""
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from _block_texts(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in IDENTIFIER_FIELDS:
                continue
            yield from _block_texts(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            yield from _block_texts(block.child_block, _list_item_value(item))


def _list_item_value(item):
    """A ListBlock item's value, stored either bare or wrapped as {"type": "item", "value": …}."""
    is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
    return item["value"] if is_wrapped else item


def _texts(value):
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    else:
        yield str(value)


def _field_texts(obj, search_field):
    if isinstance(search_field, index.RelatedFields):
        related = search_field.get_value(obj)
        if related is None:
            return
        for related_obj in related.all() if hasattr(related, "all") else [related]:
            for nested in search_field.fields:
                yield from _field_texts(related_obj, nested)
        return
    if not isinstance(search_field, index.SearchField):
        return
    try:
        model_field = type(obj)._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        model_field = None
    value = getattr(obj, search_field.field_name, None)
    if isinstance(model_field, StreamField):
        yield from _block_texts(model_field.stream_block, value.raw_data if value is not None else None)
    elif isinstance(model_field, RichTextField):
        yield rich_text_to_plain(value)
    else:
        yield from _texts(search_field.get_value(obj))


def searchable_texts(page) -> dict[str, str]:
    """The text of each field the page type declares searchable, except the title, by field name."""
    texts = {}
    for search_field in type(page).get_search_fields():
        name = search_field.field_name
        if name == "title":
            continue
        parts = [text.strip() for text in _field_texts(page, search_field)]
        text = clean_text("\n".join(part for part in parts if part))
        if text:
            texts[name] = "\n".join(filter(None, [texts.get(name, ""), text]))
    return texts


def searchable_text(page) -> str:
    """Every searchable field's text but the title's, one after another."""
    return "\n".join(searchable_texts(page).values())
