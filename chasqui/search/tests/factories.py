"""Pages for search tests: published by the page factories, or inserted in bulk for scale."""

import datetime
import itertools
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from chasqui.core import bulk
from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.pages.tests.factories import StandardPageFactory
from chasqui.publications.models import PublicationIndexPage
from chasqui.publications.tests.factories import PublicationPageFactory
from chasqui.search.models import SearchEntry, entry_key
from chasqui.search.services import ENTRY_SCHEME
from chasqui.search.terms import index_terms

_numbers = itertools.count(1)


def _slug(title):
    return f"{slugify(title)[:40]}-{next(_numbers)}"


def news_index(home):
    return NewsIndexPage.objects.child_of(home).get()


def rich_body(text):
    return [("paragraph", RichText(text))] if text else []


def publish_news(home, title, lede="A short lede.", body="", date=datetime.date(2025, 3, 1), **fields):
    return NewsItemPageFactory(
        parent=news_index(home),
        title=title,
        slug=_slug(title),
        date=date,
        lede=lede,
        body=rich_body(body),
        publish=True,
        **fields,
    )


def publish_background(home, title, intro="", body=""):
    """`body` is rich text for one paragraph, or a list of stream blocks."""
    return StandardPageFactory(
        parent=home,
        title=title,
        slug=_slug(title),
        intro=intro,
        body=body if isinstance(body, list) else rich_body(body),
        publish=True,
    )


def publish_publication(home, title, summary="<p>A report.</p>", date=datetime.date(2024, 6, 1)):
    return PublicationPageFactory(
        parent=PublicationIndexPage.objects.child_of(home).get(),
        title=title,
        slug=_slug(title),
        date=date,
        summary_text=summary,
        publish=True,
    )


def publish_translation(page, language, **fields):
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def bulk_entries(home, count, text="Protests over water near the mine.", kind="news"):
    """Insert `count` bare pages under the news index with their index entries, skipping Wagtail's save."""
    parent = news_index(home)
    content_type = ContentType.objects.get_for_model(Page)
    start = parent.numchild
    pages = []
    for offset in range(1, count + 1):
        slug = f"bulk-{start + offset}"
        pages.append(
            Page(
                title=f"Bulk item {start + offset}",
                draft_title=f"Bulk item {start + offset}",
                slug=slug,
                path=bulk.child_path(parent, start + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
            )
        )
    pages = Page.objects.bulk_create(pages)
    parent.numchild = start + count
    parent.save(update_fields=["numchild"])
    if any(page.pk is None for page in pages):
        pages = list(Page.objects.filter(path__in=[page.path for page in pages]).order_by("path"))
    language = parent.locale.language_code
    date = datetime.date(2020, 1, 1)
    SearchEntry.objects.bulk_create(
        SearchEntry(
            id=entry_key(date + datetime.timedelta(days=n), page.pk),
            page=page,
            language=language,
            kind=kind,
            title=page.title,
            body=text,
            date=date + datetime.timedelta(days=n),
            title_terms=index_terms(page.title, language),
            body_terms=index_terms(text, language),
            scheme=ENTRY_SCHEME,
        )
        for n, page in enumerate(pages)
    )
    return pages
