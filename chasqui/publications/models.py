"""Reports and other publications, usually with a PDF to download."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from chasqui.core.blocks import RICH_TEXT_FEATURES
from chasqui.core.models import BasePage


class PublicationIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["publications.PublicationPage"]
    max_count_per_parent = 1
    template = "publications/publication_index_page.html"

    class Meta:
        verbose_name = _("publications index")


class PublicationPage(BasePage):
    """A report, briefing or book, with its authors and partner organisations."""

    date = models.DateField(_("publication date"), db_index=True)
    summary_text = RichTextField(_("summary"), features=RICH_TEXT_FEATURES)
    cover_image = models.ForeignKey(
        "images.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("summary_text"),
        FieldPanel("cover_image"),
        FieldPanel("document"),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("partners", label=_("Partner organisations")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary_text"), index.FilterField("date")]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    template = "publications/publication_page.html"

    class Meta:
        verbose_name = _("publication")


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


class PublicationPartner(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisation"), max_length=200)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name
