"""The home page and the background pages (aims, history, human rights, about, contact)."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from chasqui.core.blocks import RICH_TEXT_FEATURES, PageBodyBlock
from chasqui.core.fragments import lazy_values
from chasqui.core.models import BasePage
from chasqui.core.sections import home_sections
from chasqui.images.lead import LeadImageMixin


def section_anchor(section_value):
    """The id a background-page section is linked by: its anchor, else its slugified title."""
    return slugify(section_value.get("anchor") or section_value.get("title") or "")


class StandardPage(LeadImageMixin, BasePage):
    """A background page made of titled sections."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(PageBodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("background page")

    @property
    def summary(self):
        return self.listing_summary or self.search_description or self.intro

    def clean(self):
        super().clean()
        self.fill_section_anchors()

    def fill_section_anchors(self):
        """Give every section a unique anchor so the table of contents can always link to it."""
        seen = set()
        for block in self.body:
            if block.block_type != "section":
                continue
            anchor = base = section_anchor(block.value) or "section"
            suffix = 2
            while anchor in seen:
                anchor, suffix = f"{base}-{suffix}", suffix + 1
            seen.add(anchor)
            block.value["anchor"] = anchor

    def sections(self):
        """Titles and anchors of the body's sections, for the table of contents."""
        return [
            {"title": block.value["title"], "anchor": section_anchor(block.value)}
            for block in self.body
            if block.block_type == "section"
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context


class HomePage(BasePage):
    """The front page: background teasers, why join, and the latest of each section (news, a publication)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    news_weeks = models.PositiveSmallIntegerField(
        _("weeks of news shown"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("How many recent weeks of news the home page lists."),
    )
    featured_pages = StreamField(
        [("page", blocks.PageChooserBlock(page_type="pages.StandardPage"))],
        blank=True,
        use_json_field=True,
        verbose_name=_("background teasers"),
    )
    why_join_title = models.CharField(_("why join: title"), max_length=120, blank=True)
    why_join_benefits = StreamField(
        [("benefit", blocks.CharBlock(max_length=200))],
        blank=True,
        use_json_field=True,
        verbose_name=_("why join: benefits"),
    )
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("become a member page"),
        help_text=_("Optional page about membership. Left empty, the button opens the online join form."),
    )
    join_link_text = models.CharField(_("join link text"), max_length=60, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("news_weeks"),
        FieldPanel("featured_pages"),
        MultiFieldPanel(
            [
                FieldPanel("why_join_title"),
                FieldPanel("why_join_benefits"),
                FieldPanel("join_page"),
                FieldPanel("join_link_text"),
            ],
            heading=_("Why join"),
        ),
    ]

    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def featured_teasers(self):
        """The chosen background pages that are live, in the editor's order, in one query."""
        ids = [item["value"] for item in self.featured_pages.raw_data if item.get("value")]
        if not ids:
            return []
        pages = (
            StandardPage.objects.live()
            .public()
            .filter(pk__in=ids)
            .only("title", "url_path", "intro", "listing_summary", "search_description")
        )
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]

    def section_indexes(self):
        """This home's section indexes (`news_index`, `publications_index`...), in one query."""
        types = {
            section.key: ContentType.objects.get_for_model(section.index_model) for section in home_sections()
        }
        children = (
            Page.objects.child_of(self)
            .live()
            .filter(content_type__in=types.values())
            .only("title", "path", "depth", "url_path", "content_type")
        )
        found = {page.content_type_id: page for page in children}
        return {f"{key}_index": found.get(content_type.pk) for key, content_type in types.items()}

    def get_context(self, request, *args, **kwargs):
        """Each value is read when the template first asks for it: the home template keeps its
        sections as cached fragments, and one served from the cache costs no query."""
        context = super().get_context(request, *args, **kwargs)
        sections = home_sections()
        indexes = lazy_values(self.section_indexes, [f"{section.key}_index" for section in sections])
        context.update(background_teasers=SimpleLazyObject(self.featured_teasers), **indexes)
        for section in sections:
            home_context = partial(section.home_context, self, indexes[f"{section.key}_index"], request)
            if section.context_keys:
                context.update(lazy_values(home_context, section.context_keys))
            else:
                context.update(home_context())
        return context
