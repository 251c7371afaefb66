"""Factories for page tests: pages added as the admin adds them, images, and news in bulk for scale."""

import datetime
import uuid

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page

from chasqui.core import bulk
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.pages.models import HomePage, StandardPage


class SitePageFactory(wagtail_factories.PageFactory):
    """A page added under its `parent` as the admin adds it; `publish=True` also publishes a
    revision, as an editor's Publish button does. Slugs come from titles as in the admin."""

    slug = ""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision().publish()


class HomePageFactory(SitePageFactory):
    title = "Home"

    class Meta:
        model = HomePage


class StandardPageFactory(SitePageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = ""
    body = factory.LazyFunction(list)

    class Meta:
        model = StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A small PNG in the root collection, where editors' uploads go."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = "Cover"
    description = "Miners meeting community leaders"
    file = factory.django.ImageField(width=60, height=85, color="#8c1c13", format="PNG", filename="cover.png")


def pdf_bytes(size):
    """A file of `size` bytes that starts as a PDF does."""
    return b"%PDF-1.4\n" + b"0" * (size - 9)


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A 2 KB PDF in the root collection; `file__data` and `file__filename` set its bytes and name."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = "Report PDF"
    file = factory.django.FileField(data=pdf_bytes(2048), filename="report.pdf")


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
    return StandardPageFactory(parent=parent, title=title, intro=intro, body=list(body), **fields)


def section(title, text, anchor=""):
    return ("section", {"title": title, "anchor": anchor, "body": [("paragraph", f"<p>{text}</p>")]})
