"""News items, their sources and related items, and the topics and regions that classify them."""

from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from chasqui.core.blocks import BodyBlock
from chasqui.core.editor_extras import EditorExtrasPanel
from chasqui.core.models import BasePage
from chasqui.core.text import folded
from chasqui.images.lead import LeadImageMixin

from .choices import SourceLanguage
from .item_context import news_item_context


def choice_boxes():
    """Checkboxes in columns (admin.css): a list of 25 regions is no place for Ctrl-click."""
    return forms.CheckboxSelectMultiple(attrs={"class": "chasqui-choices"})


class Topic(index.Indexed, models.Model):
    """A subject such as mining or Congress; one slug serves both languages."""

    name = models.CharField(_("name (English)"), max_length=80, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.SearchField("name_es"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if translation.get_language() == "es" and self.name_es:
            return self.name_es
        return self.name


class Region(index.Indexed, models.Model):
    """One of Peru's 25 regions (departments), plus any the editors add."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    capital = models.CharField(_("capital"), max_length=80, blank=True)
    # The name folded (no accents, no case), kept by save(): the one order of regions everywhere.
    sort_name = models.CharField(max_length=80, editable=False, db_index=True, default="")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("capital")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = folded(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.name


class NewsItemQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def in_language(self, language_code=None):
        return self.filter(locale__language_code=language_code or translation.get_language())

    def newest_first(self):
        return self.order_by("-date", "-pk")


NewsItemManager = PageManager.from_queryset(NewsItemQuerySet)


class NewsItemPage(LeadImageMixin, BasePage):
    """A dated news item; `date` is the editorial date, independent of publishing."""

    date = models.DateField(_("date"), db_index=True, default=timezone.localdate)
    lede = models.TextField(_("lede"), help_text=_("One or two sentences shown in listings and feeds."))
    author = models.CharField(
        _("author"), max_length=120, blank=True, help_text=_("Optional byline; left empty, none is shown.")
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    topics = ParentalManyToManyField(Topic, blank=True, related_name="news_items")
    regions = ParentalManyToManyField(Region, blank=True, related_name="news_items")
    bulletin_number = models.PositiveIntegerField(
        _("bulletin number"),
        null=True,
        blank=True,
        help_text=_("Number of the weekly bulletin this item appeared in, if any."),
    )

    objects = NewsItemManager()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("lede"),
        FieldPanel("author"),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=choice_boxes()),
                FieldPanel("regions", widget=choice_boxes()),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("sources", label=_("Sources")),
        InlinePanel("related_links", label=_("Related news items")),
        EditorExtrasPanel(heading=_("Linked records")),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("bulletin_number")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lede"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "news/news_item_page.html"

    class Meta:
        verbose_name = _("news item")
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_item_date_pk")]

    @property
    def summary(self):
        return self.listing_summary or self.lede

    def share_card_regions(self):
        return [region.name for region in self.regions.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(news_item_context(self, request))
        return context


class NewsSource(Orderable):
    page = ParentalKey(NewsItemPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("URL"), max_length=500)
    language = models.CharField(
        _("language"), max_length=5, choices=SourceLanguage.choices, default=SourceLanguage.SPANISH
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("language")]

    def __str__(self):
        return self.title


class RelatedNewsItem(Orderable):
    page = ParentalKey(NewsItemPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        NewsItemPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("news item")
    )

    panels = [FieldPanel("related")]
