"""A news item's lead image: on the page, in its share metadata, JSON-LD and the generated card."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from PIL import Image

from chasqui.core.models import SiteSettings
from chasqui.core.sites import default_site
from chasqui.images import share_cards
from chasqui.news.models import NewsItemPage, Region
from chasqui.pages.tests.factories import ImageFactory, news_index_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    return tmp_path


def photo(width=1600, height=1000):
    return ImageFactory(
        title="IMG_0042.jpg",
        file__width=width,
        file__height=height,
        file__filename="IMG_0042.png",
    )


def add_item(site_tree, title="Road blockade in Puno", regions=(), **fields):
    index = news_index_of(site_tree["en"])
    item = NewsItemPage(
        title=title, date=datetime.date(2026, 11, 2), lede="Farmers block the road.", **fields
    )
    index.add_child(instance=item)
    item.regions = list(Region.objects.filter(slug__in=regions))
    item.save_revision().publish()
    return NewsItemPage.objects.get(pk=item.pk)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup, kind):
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


def test_lead_image_needs_alt_text(site_tree):
    item = NewsItemPage(title="A", date=datetime.date(2026, 11, 2), lede="L.", lead_image=photo())
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "lead_image_alt" in error.value.message_dict
    item.lead_image_alt = "Farmers on the road"
    item.clean()


def test_item_shows_its_picture_with_caption_credit_srcset_and_size(site_tree, client):
    item = add_item(
        site_tree,
        lead_image=photo(),
        lead_image_alt="Farmers standing on the road",
        lead_image_caption="The road to Juliaca on Monday.",
        lead_image_credit="Ana Quispe",
    )
    figure = soup_of(client, item.url).select_one("figure.lead-figure")

    img = figure.select_one("picture img")
    assert img["alt"] == "Farmers standing on the road"
    assert img["width"]
    assert img["height"]
    assert img["fetchpriority"] == "high"
    assert not img.get("loading")
    assert "480w" in img["srcset"]
    assert "1200w" in img["srcset"]
    assert figure.select_one('picture source[type="image/webp"]')["srcset"]
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "The road to Juliaca on Monday." in caption
    assert "Ana Quispe" in caption


def test_item_without_alt_never_falls_back_to_the_file_name(site_tree, client):
    item = add_item(site_tree)
    NewsItemPage.objects.filter(pk=item.pk).update(lead_image=photo())  # as a bulk import might
    soup = soup_of(client, item.url)
    assert soup.select_one("figure.lead-figure img")["alt"] == ""
    assert "IMG_0042" not in str(soup.select_one('meta[property="og:image:alt"]'))


def test_share_metadata_and_json_ld_use_the_lead_image_on_absolute_urls(site_tree, client):
    site = SiteSettings.for_site(default_site())
    site.logo = ImageFactory(title="Logo")
    site.save()
    item = add_item(site_tree, lead_image=photo(), lead_image_alt="Farmers on the road", author="Ana Quispe")
    soup = soup_of(client, item.url)

    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert og_image.startswith("https://news.example.org/media/")
    assert soup.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert soup.select_one('meta[property="og:image:height"]')["content"] == "630"
    assert soup.select_one('meta[property="og:image:alt"]')["content"] == "Farmers on the road"
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    article = json_ld(soup, "NewsArticle")
    assert article["image"]["url"] == og_image
    assert article["publisher"]["logo"]["url"].startswith("https://news.example.org/media/")
    assert article["author"] == {"@type": "Person", "name": "Ana Quispe"}


def test_item_shows_byline_and_reading_time(site_tree, client):
    item = add_item(site_tree, author="Ana Quispe", body=[("paragraph", "<p>" + "word " * 590 + "</p>")])
    meta = soup_of(client, item.url).select_one(".article__meta").get_text(" ", strip=True)
    assert "By Ana Quispe" in meta
    assert "3 min read" in meta


def test_item_without_photo_shares_a_card_drawn_once_per_revision(site_tree, client, monkeypatch, media):
    item = add_item(site_tree, title="Mining conflict in Apurímac", regions=["apurimac"])
    drawn = []
    draw = share_cards.draw_card
    monkeypatch.setattr(share_cards, "draw_card", lambda *args: drawn.append(args) or draw(*args))

    first = soup_of(client, item.url).select_one('meta[property="og:image"]')["content"]
    second = soup_of(client, item.url).select_one('meta[property="og:image"]')["content"]

    assert first == second
    assert first.startswith("https://news.example.org/media/share-cards/")
    assert len(drawn) == 1
    assert drawn[0][4] == ["Apurímac"]
    with Image.open(media / first.removeprefix("https://news.example.org/media/")) as card:
        assert card.size == (1200, 630)
    assert json_ld(soup_of(client, item.url), "NewsArticle")["image"]["url"] == first

    item.title = "Mining conflict in Apurímac: talks resume"
    item.save_revision().publish()
    third = soup_of(client, item.url).select_one('meta[property="og:image"]')["content"]
    assert third != first
    assert len(drawn) == 2


def test_a_small_photo_never_names_a_width_twice_in_srcset(site_tree, client):
    item = add_item(site_tree, lead_image=photo(width=800, height=600), lead_image_alt="Farmers")
    picture = soup_of(client, item.url).select_one("figure.lead-figure picture")
    for srcset in [picture.img["srcset"], *(source["srcset"] for source in picture.select("source"))]:
        widths = [candidate.split()[-1] for candidate in srcset.split(", ")]
        assert len(widths) == len(set(widths)), srcset
