"""Site-wide settings and the abstract page every public page type extends."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from .content_checks import check_content
from .localized import LocalizedFieldsMixin
from .page_form import CheckedPageForm

hex_colour = RegexValidator(r"\A#[0-9a-fA-F]{6}\Z", _("Enter a colour like #1d4e89."))


@register_setting(icon="site")
class SiteSettings(LocalizedFieldsMixin, BaseSiteSetting):
    """The charity's identity: set by editors, never in code. Readers see `.localized` values."""

    localized_fields = ("organisation_name", "tagline", "description", "postal_address")

    organisation_name = models.CharField(_("organisation name"), max_length=120, default="Chasqui")
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("Abbreviation, e.g. PSG.")
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(
        _("site description"),
        blank=True,
        help_text=_("One or two sentences for search engines, on pages without a description of their own."),
    )
    logo = models.ForeignKey(
        "images.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#8c1c13",
        validators=[hex_colour],
        help_text=_("Headings, links and the header bar. Keep it dark enough for white text."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#1d4e89", validators=[hex_colour]
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    charity_number = models.CharField(_("registered charity number"), max_length=40, blank=True)
    social_image = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own image is shared."),
    )
    twitter_handle = models.CharField(_("X/Twitter handle"), max_length=40, blank=True)

    organisation_name_es = models.CharField(
        _("organisation name in Spanish"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty if the name is the same in Spanish."),
    )
    tagline_es = models.CharField(_("tagline in Spanish"), max_length=200, blank=True)
    description_es = models.TextField(_("site description in Spanish"), blank=True)
    postal_address_es = models.TextField(
        _("postal address in Spanish"),
        blank=True,
        help_text=_(
            "The address as Spanish readers see it, e.g. with “Reino Unido”. Empty: the English one."
        ),
    )

    general_panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("short_name"),
                FieldPanel("tagline"),
                FieldPanel("description"),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Colours")),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("email"), FieldPanel("charity_number")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("twitter_handle")], heading=_("Sharing")),
    ]
    spanish_panels = [
        FieldPanel("organisation_name_es"),
        FieldPanel("tagline_es"),
        FieldPanel("description_es"),
        FieldPanel("postal_address_es"),
    ]
    edit_handler = TabbedInterface(
        [ObjectList(general_panels, heading=_("Settings")), ObjectList(spanish_panels, heading=_("Spanish"))]
    )

    class Meta:
        verbose_name = _("site settings")


class BasePage(Page):
    """Fields for listings and social sharing that every public page has."""

    base_form_class = CheckedPageForm  # `clean()` sees the child rows as submitted

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_("Short text for teasers and search results; falls back to the search description."),
    )
    social_image = models.ForeignKey(
        "images.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("social_image")], heading=_("Listings and sharing")
        ),
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    def clean(self):
        super().clean()
        check_content(self)
