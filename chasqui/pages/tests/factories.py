"""Builders for home-page and background-page tests."""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from chasqui.core import bulk
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.pages.models import StandardPage


def news_index_of(home):
    return NewsIndexPage.objects.child_of(home).get()


def add_news_items(index, entries):
    """Insert live news items under `index` in two bulk statements; add_child is too slow for thousands.

    `entries` are (title, date, lede) tuples, oldest first as editors would publish them.
    """
    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(NewsItemPage)
    now = timezone.now()
    first_step = bulk.next_child_step(index)
    base_pages = []
    for step, (title, _date, _lede) in enumerate(entries, start=first_step):
        slug = f"{slugify(title)[:50]}-{step}"
        base_pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=bulk.child_path(index, step),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    base_pages = Page.objects.bulk_create(base_pages, batch_size=500)
    bulk.insert_rows(
        NewsItemPage,
        [
            {"page_ptr_id": base.pk, "date": date, "lede": lede, "body": []}
            for base, (_title, date, lede) in zip(base_pages, entries, strict=True)
        ],
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(entries))
    return list(NewsItemPage.objects.filter(pk__in=[p.pk for p in base_pages]).order_by("path"))


def weekly_news(count, newest_week=datetime.date(2026, 11, 2), per_week=5, prefix="Item"):
    """`count` (title, date, lede) entries, `per_week` in each week back from the Monday `newest_week`.

    Returned oldest first, as editors would publish them.
    """
    entries = []
    for n in range(count):
        day = min(per_week - 1 - n % per_week, 6)
        date = newest_week - datetime.timedelta(weeks=n // per_week) + datetime.timedelta(days=day)
        entries.append((f"{prefix} {n}", date, f"Lede of {prefix.lower()} {n}."))
    return list(reversed(entries))


def add_standard_page(parent, title, intro="", body=(), **fields):
    page = StandardPage(title=title, intro=intro, body=list(body), **fields)
    parent.add_child(instance=page)
    return page


def section(title, text, anchor=""):
    return ("section", {"title": title, "anchor": anchor, "body": [("paragraph", f"<p>{text}</p>")]})
