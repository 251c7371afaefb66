"""Actors: the people, communities, organisations, companies, state bodies and mining projects."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from chasqui.core.models import BasePage
from chasqui.core.text import folded

from ..choices import ActorType
from ..record_context import actor_context
from ..sensitive_admin import SENSITIVE_PERMISSION, SensitiveRecordForm, WithheldFieldPanel, marked_sensitive


class ActorPage(BasePage):
    """An actor's page gathers what Chasqui has about it.

    A sensitive actor's title is its public description ("a community leader"): Wagtail shows
    titles everywhere (menus, search, the sitemap), so the real name lives only in `real_name`,
    which no public output reads and only editors with the sensitive-data permission see.
    """

    actor_type = models.CharField(_("type"), max_length=20, choices=ActorType.choices)
    other_names = models.TextField(_("other names"), blank=True, help_text=_("Aliases, one a line."))
    description = models.TextField(_("description"), blank=True)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "At risk if named: public pages, exports and search show the title (a public description such "
            "as 'a community leader') and never the name or aliases."
        ),
    )
    real_name = models.CharField(
        _("real name"),
        max_length=200,
        blank=True,
        help_text=_("Only for sensitive actors. Never published; seen only by editors with the permission."),
    )

    # Withheld in the admin from editors without the sensitive-data permission (sensitive_admin.py).
    sensitive_fields = ("other_names", "is_sensitive")
    base_form_class = SensitiveRecordForm
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("actor_type"),
        WithheldFieldPanel("other_names"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                WithheldFieldPanel("is_sensitive", marked_sensitive, public_help=None),
                FieldPanel("real_name", permission=SENSITIVE_PERMISSION),
            ],
            heading=_("Sensitivity"),
        ),
        InlinePanel("links", label=_("News items and publications about this actor")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("public_aliases"),
    ]
    # The real name and aliases are copied to translations as they are, never offered to translators.
    override_translatable_fields = [SynchronizedField("real_name"), SynchronizedField("other_names")]

    parent_page_types = ["observatory.IncidentIndexPage"]
    subpage_types = []
    template = "observatory/actor_page.html"

    class Meta:
        verbose_name = _("actor")

    @property
    def private_text_fields(self):
        """Fields never published, left out of the check for unmarked sensitive names."""
        return ("real_name", "other_names") if self.is_sensitive else ("real_name",)

    @property
    def public_aliases(self):
        """Aliases may name a sensitive actor, so they are public only for the others."""
        return "" if self.is_sensitive else self.other_names

    def alias_list(self):
        return [line.strip() for line in self.public_aliases.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.is_sensitive and not self.real_name.strip():
            raise ValidationError(
                {"real_name": _("A sensitive actor needs its real name here, kept private.")}
            )
        if self.real_name.strip():
            leaks = named_in(self.real_name, self.public_texts())
            if leaks:
                raise ValidationError(
                    _("The real name appears in public fields (%(fields)s): use a description instead.")
                    % {"fields": ", ".join(leaks)}
                )

    def public_texts(self):
        return {
            "title": self.title,
            "slug": self.slug,
            "seo_title": self.seo_title,
            "search_description": self.search_description,
            "listing_summary": self.listing_summary,
            "description": self.description,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(actor_context(self, request))
        return context


def name_pattern(name):
    """`name` as a whole-word pattern over folded text: its words in order, apart by any run of spaces,
    hyphens or underscores (so a slug or a URL path matches too)."""
    words = folded(name).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"[\s_-]+".join(map(re.escape, words)) + r"(?!\w)")


def named_in(name, texts):
    """The keys of `texts` whose value contains `name` as whole words, accents, case and the spaces or
    hyphens between the words ignored: "José Quispe" is in "jose  QUISPE" and "jose-quispe", not in
    "Josée Quispeña"."""
    pattern = name_pattern(name)
    if pattern is None:
        return []
    return [key for key, text in texts.items() if text and pattern.search(folded(text))]


class ActorLink(Orderable):
    """A news item or publication about an actor, chosen in the editor."""

    page = ParentalKey(ActorPage, on_delete=models.CASCADE, related_name="links")
    linked = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("news item or publication"),
    )

    panels = [PageChooserPanel("linked", ["news.NewsItemPage", "publications.PublicationPage"])]
