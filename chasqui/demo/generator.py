"""Synthetic news items in bulk, so listings, feeds and search can be tried at archive scale.

Pages are written with `chasqui.core.bulk` (tree paths computed there) because saving 100,000
pages one by one through treebeard and revisions would take hours.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from chasqui.core import bulk
from chasqui.news.choices import SourceLanguage
from chasqui.news.models import NewsIndexPage, NewsItemPage, NewsSource, Region, RelatedNewsItem, Topic
from chasqui.news.starter_topics import STARTER_TOPICS
from chasqui.pages.structure import ensure_site_structure

from .generator_words import WORDS

BATCH_SIZE = 1000


@dataclass
class GeneratedNews:
    created: int
    index: NewsIndexPage


def ensure_starter_topics():
    """Topics are needed to classify the generated items; editors can rename them later."""
    if Topic.objects.exists():
        return list(Topic.objects.all())
    return [
        Topic.objects.create(name=name, name_es=name_es, slug=slug) for slug, name, name_es in STARTER_TOPICS
    ]


def _paragraph(words, rng, region):
    opening = rng.choice(words["openings"]).format(region=region.name, object=rng.choice(words["objects"]))
    return " ".join([opening, *rng.sample(words["sentences"], 3)])


def _body(words, rng, region):
    blocks = [{"type": "paragraph", "value": f"<p>{_paragraph(words, rng, region)}</p>"}]
    if rng.random() < 0.5:
        blocks.append({"type": "heading", "value": {"text": rng.choice(words["headings"]), "level": "h2"}})
    blocks.append({"type": "paragraph", "value": f"<p>{' '.join(rng.sample(words['sentences'], 4))}</p>"})
    if rng.random() < 0.3:
        blocks.append(
            {
                "type": "quote",
                "value": {
                    "quote": rng.choice(words["quotes"]),
                    "attribution": rng.choice(words["attributions"]),
                },
            }
        )
    for block in blocks:
        block["id"] = str(uuid.uuid4())
    return blocks


class NewsGenerator:
    """Writes batches of synthetic items under one news index; `rng` decides every choice."""

    def __init__(self, index, language, rng, today, years):
        self.index = index
        self.words = WORDS[language]
        self.rng = rng
        self.topics = ensure_starter_topics()
        self.regions = list(Region.objects.all())
        self.content_type = ContentType.objects.get_for_model(NewsItemPage)
        self.today = today
        self.span_days = max(1, years * 365)
        self.now = timezone.now()
        self.body_field = NewsItemPage._meta.get_field("body")
        self.created_ids = []

    def page_row(self, number, region):
        """The wagtailcore_page row of item `number` under the index."""
        rng, words, index = self.rng, self.words, self.index
        title_format = words["title_in_region"] if rng.random() < 0.4 else words["title"]
        title = title_format.format(
            region=region.name,
            actor=rng.choice(words["actors"]),
            verb=rng.choice(words["verbs"]),
            object=rng.choice(words["objects"]),
        )
        slug = f"{slugify(title)[:80].rstrip('-')}-{number}"
        item_date = self.today - timedelta(days=rng.randrange(self.span_days))
        published_at = timezone.make_aware(datetime.combine(item_date, time(9 + rng.randrange(9))))
        published_at = min(published_at, self.now)
        page = {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type_id": self.content_type.pk,
            "path": bulk.child_path(index, number),
            "depth": index.depth + 1,
            "numchild": 0,
            "url_path": f"{index.url_path}{slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published_at,
            "last_published_at": published_at,
            "latest_revision_created_at": published_at,
            "locale_id": index.locale_id,
            "translation_key": uuid.uuid4(),
        }
        return page, item_date

    def detail(self, region, item_date):
        return {
            "region": region,
            "date": item_date,
            "lede": _paragraph(self.words, self.rng, region),
            "body": self.body_field.to_python(_body(self.words, self.rng, region)),
        }

    def sources(self, pk, page):
        rows = []
        for order in range(self.rng.randint(1, 2)):
            outlet = self.rng.choice(self.words["outlets"])
            rows.append(
                {
                    "page_id": pk,
                    "sort_order": order,
                    "title": f"{outlet}: {page['title']}"[:255],
                    "url": f"https://example.org/{slugify(outlet)}/{page['slug']}",
                    "language": SourceLanguage.SPANISH if self.rng.random() < 0.8 else SourceLanguage.ENGLISH,
                }
            )
        return rows

    def write_batch(self, first_number, size):
        pages, details = [], []
        for number in range(first_number, first_number + size):
            region = self.rng.choice(self.regions)
            page, item_date = self.page_row(number, region)
            pages.append(page)
            details.append(self.detail(region, item_date))
        bulk.insert_rows(Page, pages)
        ids = bulk.page_ids_by_path([page["path"] for page in pages])

        news_rows, topic_links, region_links, sources, related = [], [], [], [], []
        for page, detail in zip(pages, details, strict=True):
            pk = ids[page["path"]]
            news_rows.append(
                {"page_ptr_id": pk, "date": detail["date"], "lede": detail["lede"], "body": detail["body"]}
            )
            for topic in self.rng.sample(self.topics, self.rng.randint(1, min(2, len(self.topics)))):
                topic_links.append({"newsitempage_id": pk, "topic_id": topic.pk})
            region_links.append({"newsitempage_id": pk, "region_id": detail["region"].pk})
            sources += self.sources(pk, page)
            if self.created_ids and self.rng.random() < 0.3:
                related.append(
                    {"page_id": pk, "sort_order": 0, "related_id": self.rng.choice(self.created_ids)}
                )
            self.created_ids.append(pk)
        bulk.insert_rows(NewsItemPage, news_rows)
        bulk.insert_rows(NewsItemPage.topics.through, topic_links)
        bulk.insert_rows(NewsItemPage.regions.through, region_links)
        bulk.insert_rows(NewsSource, sources)
        bulk.insert_rows(RelatedNewsItem, related)


@transaction.atomic
def generate_news(count, language="en", seed=None, years=8, today=None):
    """Create `count` live news items under the news index for `language`, newest dates first."""
    homes = ensure_site_structure()
    index = NewsIndexPage.objects.child_of(homes[language]).get()
    rng = random.Random(seed)  # noqa: S311
    generator = NewsGenerator(index, language, rng, today or timezone.localdate(), years)
    step = bulk.next_child_step(index)
    for batch_start in range(0, count, BATCH_SIZE):
        generator.write_batch(step + batch_start, min(BATCH_SIZE, count - batch_start))
    bulk.finish(index, count)
    bulk.refresh_statistics(
        [
            Page,
            NewsItemPage,
            NewsItemPage.topics.through,
            NewsItemPage.regions.through,
            NewsSource,
            RelatedNewsItem,
        ]
    )
    return GeneratedNews(created=count, index=index)
