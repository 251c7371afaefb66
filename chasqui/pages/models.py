"""The home page and the background pages (aims, history, human rights, about, contact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from chasqui.core.blocks import RICH_TEXT_FEATURES, PageBodyBlock
from chasqui.core.models import BasePage


class StandardPage(BasePage):
    """A background page made of titled sections."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(PageBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("background page")

    @property
    def summary(self):
        return self.listing_summary or self.search_description or self.intro


class HomePage(BasePage):
    """The front page: latest news by week, background teasers, a publication and why join."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    news_weeks = models.PositiveSmallIntegerField(
        _("weeks of news shown"), default=4, help_text=_("How many recent weeks of news the home page lists.")
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
