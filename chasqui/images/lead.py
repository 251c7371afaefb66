"""The lead image every article-like page carries: the picture, its alt text, caption and credit.

Written once here so news items, publications and background pages validate and show it alike.
The image is synchronised between translations; the words about it are translated.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from chasqui.core.renditions import cached_rendition
from chasqui.core.sites import absolute_url

from .share_cards import share_card

SHARE_SPEC = "fill-1200x630"


class LeadImageMixin(models.Model):
    lead_image = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("lead image: alternative text"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it. Required with an image."),
    )
    lead_image_caption = models.CharField(_("lead image: caption"), max_length=255, blank=True)
    lead_image_credit = models.CharField(
        _("lead image: credit"), max_length=255, blank=True, help_text=_("Photographer or source.")
    )

    lead_image_panels = [
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the picture for readers who cannot see it.")}
            )

    @property
    def lead_image_credit_text(self):
        """The credit given on the page, else the image's own."""
        if self.lead_image_credit:
            return self.lead_image_credit
        image = self.lead_image if self.lead_image_id else None
        return getattr(image, "credit", "") if image else ""

    def share_image(self, site_settings):
        """{url, width, height, alt} for og:image and JSON-LD: the lead image, else a drawn card."""
        if self.lead_image_id:
            data = cached_rendition(self.lead_image_id, SHARE_SPEC)
            if data:
                return {**data, "url": absolute_url(data["url"]), "alt": self.lead_image_alt}
        return share_card(self, site_settings)

    def share_card_regions(self):
        """Region names the generated share card highlights; news items name theirs."""
        return []
