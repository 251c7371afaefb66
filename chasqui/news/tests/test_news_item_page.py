import json
import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from chasqui.core.models import SiteSettings
from chasqui.news.choices import SourceLanguage
from chasqui.news.models import NewsSource, RelatedNewsItem
from chasqui.pages.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def news_article_json_ld(response):
    scripts = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S
    )
    articles = [data for data in map(json.loads, scripts) if data.get("@type") == "NewsArticle"]
    assert len(articles) == 1
    return articles[0]


def test_item_page_shows_title_date_lede_and_body_blocks(client, news_index, add_item):
    body = [
        {"type": "paragraph", "value": "<p>First paragraph.</p>"},
        {"type": "heading", "value": {"text": "Background", "level": "h2"}},
        {"type": "quote", "value": {"quote": "We want to be heard.", "attribution": "A leader"}},
    ]
    add_item(news_index, "Congress votes", "2024-05-02", lede="A short lede.", body=body)

    html = client.get("/news/congress-votes/").content.decode()

    assert "<h1>Congress votes</h1>" in html
    assert '<time datetime="2024-05-02">2 May 2024</time>' in html
    assert "A short lede." in html
    assert "<p>First paragraph.</p>" in html
    assert '<h2 class="block-heading">Background</h2>' in html
    assert "<blockquote><p>We want to be heard.</p></blockquote>" in html
    assert "<figcaption>A leader</figcaption>" in html


def test_image_block_falls_back_to_the_images_own_caption_and_credit(client, news_index, add_item):
    image = ImageFactory(
        title="Protest in Lima",
        description="",
        file__width=40,
        file__height=30,
        file__color="red",
        file__filename="protest.png",
        caption="Marchers in the Plaza San Martín",
        credit="Photo: A. Quispe",
    )
    body = [
        {"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}},
        {"type": "image", "value": {"image": image.pk, "caption": "Own caption", "credit": "Own credit"}},
    ]
    add_item(news_index, "With pictures", "2024-05-02", body=body)

    html = client.get("/news/with-pictures/").content.decode()

    assert '<span class="block-image__caption">Marchers in the Plaza San Martín</span>' in html
    assert '<span class="block-image__credit">Photo: A. Quispe</span>' in html
    assert '<span class="block-image__caption">Own caption</span>' in html
    assert '<span class="block-image__credit">Own credit</span>' in html
    assert html.count("<img") == 2


def test_document_block_links_the_file_with_its_size(client, news_index, add_item):
    document = Document.objects.create(
        title="Annual report", file=ContentFile(b"x" * 2048, name="report.pdf")
    )
    body = [{"type": "document", "value": {"document": document.pk, "title": ""}}]
    add_item(news_index, "Report out", "2024-05-02", body=body)

    html = client.get("/news/report-out/").content.decode()

    assert f'<a href="{document.url}">Annual report</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_topics_and_regions_link_to_the_filtered_index(client, news_index, add_item, topics, cusco):
    add_item(news_index, "Tagged", "2024-05-02", topics=[topics["mining"]], regions=[cusco])

    html = client.get("/news/tagged/").content.decode()

    assert '<a href="/news/topic/mining/">Mining</a>' in html
    assert '<a href="/news/region/cusco/">Cusco</a>' in html
    assert client.get("/news/topic/mining/").status_code == 200


def test_sources_and_related_items_are_listed(client, news_index, add_item):
    earlier = add_item(news_index, "Earlier story", "2024-01-01")
    draft = add_item(news_index, "Unpublished story", "2024-01-02", live=False)
    item = add_item(news_index, "Follow up", "2024-05-02")
    NewsSource.objects.create(
        page=item, title="Andina report", url="https://example.org/a", language=SourceLanguage.SPANISH
    )
    RelatedNewsItem.objects.create(page=item, related=earlier, sort_order=0)
    RelatedNewsItem.objects.create(page=item, related=draft, sort_order=1)

    html = client.get("/news/follow-up/").content.decode()

    assert '<a href="https://example.org/a" hreflang="es" rel="noopener">Andina report</a>' in html
    assert "(Spanish)" in html
    assert '<a href="/news/earlier-story/">Earlier story</a>' in html
    assert "Unpublished story" not in html


def test_item_page_carries_news_article_json_ld(client, news_index, add_item, site_tree):
    settings_row = SiteSettings.for_site(site_tree["en"].get_site())
    settings_row.organisation_name = "Peru Support Group"
    settings_row.save()
    add_item(news_index, "Miners </script> protest", "2024-05-02", lede="Lede & more.", slug="miners")

    response = client.get("/news/miners/")
    data = news_article_json_ld(response)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Miners </script> protest"
    assert data["description"] == "Lede & more."
    assert data["datePublished"] == "2024-05-02"
    assert data["dateModified"].startswith("20")
    assert data["author"] == {"@type": "Organization", "name": "Peru Support Group"}
    assert data["publisher"]["name"] == "Peru Support Group"
    assert data["url"] == "http://127.0.0.1:8000/news/miners/"
    assert data["inLanguage"] == "en"


def test_item_page_advertises_the_news_feeds(client, news_index, add_item):
    add_item(news_index, "Feedable", "2024-05-02")

    html = client.get("/news/feedable/").content.decode()

    assert 'type="application/rss+xml" title="All news (RSS)" href="/news/feed/rss/"' in html
    assert 'type="application/atom+xml" title="All news (Atom)" href="/news/feed/atom/"' in html
