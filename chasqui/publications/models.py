"""Reports and other publications, usually with a PDF to download."""

import json
import re

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from chasqui.core.blocks import RICH_TEXT_FEATURES
from chasqui.core.models import BasePage, SiteSettings
from chasqui.core.sites import absolute_url, page_url
from chasqui.images.lead import LeadImageMixin
from chasqui.images.pictures import with_lead_images


class PublicationIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["publications.PublicationPage"]
    max_count_per_parent = 1
    template = "publications/publication_index_page.html"

    per_page = 12
    cover_filter = "fill-240x340"

    class Meta:
        verbose_name = _("publications index")

    def publications(self):
        """Live child publications, newest first, with what a listing shows fetched up front."""
        covers = get_image_model().objects.prefetch_renditions(self.cover_filter)
        publications = (
            PublicationPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")
            .prefetch_related("authors", Prefetch("cover_image", queryset=covers))
        )
        return with_lead_images(publications, "thumb")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = Paginator(self.publications(), self.per_page).get_page(request.GET.get("page"))
        context["publications"] = page_obj
        context["page_obj"] = page_obj
        return context


class PublicationPage(LeadImageMixin, BasePage):
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
        *LeadImageMixin.lead_image_panels,
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

    @property
    def summary(self):
        if self.listing_summary or self.search_description:
            return self.listing_summary or self.search_description
        # Close each paragraph with a space so stripped paragraphs don't run together.
        text = strip_tags(re.sub(r"</(p|li|h[1-6])>", " ", self.summary_text))
        return " ".join(text.split())

    def download(self):
        """The PDF's link details, or None when there is no document."""
        document = self.document
        if document is None:
            return None
        return {
            "url": document.url,
            "title": document.title,
            "size": document.get_file_size(),
            "type": document.file_extension.upper(),
        }

    def json_ld(self, request, authors, partners, download):
        """schema.org Report markup on the public address, escaped for a <script> element."""
        organisation = SiteSettings.for_request(request).organisation_name
        data = {
            "@context": "https://schema.org",
            "@type": "Report",
            "name": self.title,
            "datePublished": self.date.isoformat(),
            "url": page_url(self, request),
            "inLanguage": self.locale.language_code,
            "abstract": self.summary,
            "publisher": {"@type": "Organization", "name": organisation},
        }
        image = self.share_image(SiteSettings.for_request(request))
        if image:
            data["image"] = image["url"]
        if authors:
            data["author"] = [
                {"@type": author.schema_type(organisation), "name": author.name} for author in authors
            ]
        if partners:
            data["contributor"] = [
                {"@type": "Organization", "name": p.name, **({"url": p.url} if p.url else {})}
                for p in partners
            ]
        if download:
            data["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": absolute_url(download["url"]),
                "encodingFormat": "application/pdf" if download["type"] == "PDF" else download["type"],
            }
        text = json.dumps(data, ensure_ascii=False)
        for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
            text = text.replace(char, escape)
        return mark_safe(text)  # noqa: S308

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = list(self.authors.all())
        partners = list(self.partners.all())
        download = self.download()
        context.update(
            authors=authors,
            partners=partners,
            download=download,
            json_ld=self.json_ld(request, authors, partners, download),
        )
        return context


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)
    is_organisation = models.BooleanField(
        _("an organisation"), default=False, help_text=_("Tick for a group or organisation, not a person.")
    )

    panels = [FieldPanel("name"), FieldPanel("is_organisation")]

    def schema_type(self, organisation_name=""):
        """schema.org's type for this author; the charity itself is always an organisation."""
        return "Organization" if self.is_organisation or self.name == organisation_name else "Person"

    def __str__(self):
        return self.name


class PublicationPartner(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisation"), max_length=200)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name
