"""Builds the demo site; every step matches existing rows by slug or title so reruns add nothing."""

from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from chasqui.core.models import SiteSettings
from chasqui.news.models import NewsIndexPage, NewsItemPage, NewsSource, Region, RelatedNewsItem, Topic
from chasqui.news.starter_topics import STARTER_TOPICS
from chasqui.pages.models import HomePage, StandardPage
from chasqui.pages.structure import ensure_site_structure
from chasqui.publications.models import (
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    PublicationPartner,
)

from . import media
from .bulletins import create_demo_bulletins
from .defaults import fill_defaults
from .members import create_demo_members
from .news_items import NEWS_ITEMS
from .observatory import load_observatory
from .pictures import attach_demo_pictures
from .site import BACKGROUND_PAGES, HOME_PAGE, PUBLICATION, SITE_SETTINGS

LOGO_TITLE = "Peru Support Group logo"
COVER_TITLE = "Cover: dialogue and human rights in mining"
PDF_TITLE = "Dialogue and human rights in mining: lessons from Peru (PDF)"


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def stream(body):
    """Turns the demo's compact body tuples into StreamField data."""
    blocks = []
    for kind, *args in body:
        if kind == "p":
            blocks.append(paragraph(args[0]))
        elif kind == "h":
            blocks.append({"type": "heading", "value": {"text": args[0], "level": "h2"}})
        elif kind == "q":
            blocks.append({"type": "quote", "value": {"quote": args[0], "attribution": args[1]}})
        elif kind == "section":
            title, paragraphs = args
            value = {"title": title, "anchor": slugify(title), "body": [paragraph(p) for p in paragraphs]}
            blocks.append({"type": "section", "value": value})
        else:
            raise ValueError(f"Unknown demo block {kind!r}")
    return blocks


def publish(page):
    """Publishes through a revision, so page_published fires and search indexing follows."""
    page.save_revision().publish()
    return page


def child_by_slug(model, parent, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def translation_of(page, locale):
    translated = page.get_translations().filter(locale=locale).first()
    return translated.specific if translated else None


def translate(page, locale, fields):
    """Copies `page` into `locale` under the translated parent, then sets the translated fields."""
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


class DemoLoader:
    def __init__(self):
        self.created = Counter()
        self.english = Locale.objects.get(language_code="en")
        self.spanish = Locale.objects.get(language_code="es")

    def run(self):
        self.homes = ensure_site_structure(site_name=SITE_SETTINGS["organisation_name"])
        self.site = Site.objects.get(root_page=self.homes["en"])
        self.load_site_settings()
        self.load_topics()
        self.show_sections_in_menus()
        self.load_background_pages()
        self.load_home_pages()
        self.load_news()
        self.load_publication()
        self.created.update(load_observatory(self.homes, self.spanish))
        attach_demo_pictures(self, (SITE_SETTINGS["primary_colour"], SITE_SETTINGS["accent_colour"]))
        self.created["members"] += create_demo_members()
        self.created["bulletins"] += len(create_demo_bulletins())
        return self.created

    def translation_of(self, page):
        return translation_of(page, self.spanish)

    # Media

    def image(self, title, filename, data):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title)
            image.file = ImageFile(ContentFile(data), name=filename)
            image.save()
            # The admin's upload form records size and hash; files saved in code must ask for them.
            image.get_file_size()
            image.get_file_hash()
            self.created["images"] += 1
        return image

    def document(self, title, filename, data):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file = ContentFile(data, name=filename)
            document.save()
            document.get_file_size()
            document.get_file_hash()
            self.created["documents"] += 1
        return document

    # Site-wide

    def load_site_settings(self):
        """Fills only fields still at their defaults, so an editor's changes survive a rerun."""
        settings = SiteSettings.for_site(self.site)
        changed = fill_defaults(settings, SITE_SETTINGS)
        if settings.logo is None:
            svg = media.logo_svg(SITE_SETTINGS["primary_colour"], SITE_SETTINGS["accent_colour"])
            settings.logo = self.image(LOGO_TITLE, "psg-logo.svg", svg)
            changed = True
        if changed:
            settings.save()
            self.created["site settings"] += 1

    def load_topics(self):
        for slug, name, name_es in STARTER_TOPICS:
            _, created = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "name_es": name_es})
            if created:
                self.created["topics"] += 1

    def show_sections_in_menus(self):
        for home in self.homes.values():
            for model in (NewsIndexPage, PublicationIndexPage):
                index = model.objects.child_of(home).first()
                if index and not index.show_in_menus:
                    index.show_in_menus = True
                    publish(index)

    # Pages

    def load_background_pages(self):
        self.background = {"en": {}, "es": {}}
        for spec in BACKGROUND_PAGES:
            en = spec["en"]
            page = child_by_slug(StandardPage, self.homes["en"], en["slug"])
            if page is None:
                page = self.homes["en"].add_child(
                    instance=StandardPage(
                        title=en["title"],
                        slug=en["slug"],
                        intro=en["intro"],
                        body=stream(en["body"]),
                        show_in_menus=spec["show_in_menus"],
                        live=False,
                    )
                )
                publish(page)
                self.created["pages"] += 1
            self.background["en"][spec["key"]] = page

            es = spec["es"]
            translated = translation_of(page, self.spanish)
            if translated is None:
                translated = translate(
                    page,
                    self.spanish,
                    {
                        "title": es["title"],
                        "slug": es["slug"],
                        "intro": es["intro"],
                        "body": stream(es["body"]),
                    },
                )
                self.created["pages"] += 1
            self.background["es"][spec["key"]] = translated

    def load_home_pages(self):
        """Sets the home pages' own fields once; a home that already has an intro is left alone."""
        for code, home in self.homes.items():
            # A fresh copy: saving a stale one would write back an outdated child count for the tree.
            home = HomePage.objects.get(pk=home.pk)
            if home.intro:
                continue
            text = HOME_PAGE[code]
            pages = self.background[code]
            home.intro = f"<p>{escape(text['intro'])}</p>"
            home.news_weeks = 4
            home.featured_pages = [{"type": "page", "value": pages[key].pk} for key in HOME_PAGE["featured"]]
            home.why_join_title = text["why_join_title"]
            home.why_join_benefits = [{"type": "benefit", "value": b} for b in text["why_join_benefits"]]
            home.join_link_text = text["join_link_text"]
            publish(home)
            self.created["home pages filled"] += 1

    def load_news(self):
        index = NewsIndexPage.objects.child_of(self.homes["en"]).get()
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        regions = {region.slug: region for region in Region.objects.all()}
        items = {}
        for spec in sorted(NEWS_ITEMS, key=lambda item: item["date"]):
            page = child_by_slug(NewsItemPage, index, spec["slug"])
            if page is None:
                page = NewsItemPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    date=spec["date"],
                    lede=spec["lede"],
                    body=stream(spec["body"]),
                    live=False,
                )
                page.topics = [topics[slug] for slug in spec["topics"]]
                page.regions = [regions[slug] for slug in spec["regions"]]
                page.sources = [
                    NewsSource(title=title, url=url, language=language)
                    for title, url, language in spec["sources"]
                ]
                page.related_links = [RelatedNewsItem(related=items[slug]) for slug in spec["related"]]
                index.add_child(instance=page)
                publish(page)
                self.created["news items"] += 1
            items[spec["slug"]] = page

            if "es" in spec and translation_of(page, self.spanish) is None:
                self.translate_news_item(page, spec["es"])

    def translate_news_item(self, page, es):
        """Spanish copy; related links point at Spanish items where they exist, else are dropped."""
        related = []
        for link in page.related_links.all():
            counterpart = translation_of(link.related, self.spanish)
            if counterpart is not None:
                related.append(RelatedNewsItem(related=counterpart))
        translate(
            page,
            self.spanish,
            {
                "title": es["title"],
                "slug": es["slug"],
                "lede": es["lede"],
                "body": stream(es["body"]),
                "related_links": related,
            },
        )
        self.created["news items (Spanish)"] += 1

    def load_publication(self):
        index = PublicationIndexPage.objects.child_of(self.homes["en"]).get()
        en = PUBLICATION["en"]
        page = child_by_slug(PublicationPage, index, en["slug"])
        if page is None:
            cover = self.image(
                COVER_TITLE,
                "dialogue-mining-cover.png",
                media.cover_png(
                    PUBLICATION["cover_title"],
                    PUBLICATION["cover_subtitle"],
                    SITE_SETTINGS["primary_colour"],
                    SITE_SETTINGS["accent_colour"],
                ),
            )
            pdf = self.document(
                PDF_TITLE,
                "dialogue-human-rights-mining-peru.pdf",
                media.text_pdf(en["title"], PUBLICATION["pdf_paragraphs"]),
            )
            page = PublicationPage(
                title=en["title"],
                slug=en["slug"],
                date=PUBLICATION["date"],
                summary_text="".join(f"<p>{escape(p)}</p>" for p in en["summary"]),
                cover_image=cover,
                document=pdf,
                live=False,
            )
            page.authors = [
                PublicationAuthor(name=name, is_organisation=True) for name in PUBLICATION["authors"]
            ]
            page.partners = [PublicationPartner(name=name, url=url) for name, url in PUBLICATION["partners"]]
            index.add_child(instance=page)
            publish(page)
            self.created["publications"] += 1

        es = PUBLICATION["es"]
        if translation_of(page, self.spanish) is None:
            translate(
                page,
                self.spanish,
                {
                    "title": es["title"],
                    "slug": es["slug"],
                    "summary_text": "".join(f"<p>{escape(p)}</p>" for p in es["summary"]),
                },
            )
            self.created["publications"] += 1


@transaction.atomic
def load_demo():
    """Loads the demo content; returns how many things of each kind were created this time."""
    return DemoLoader().run()
