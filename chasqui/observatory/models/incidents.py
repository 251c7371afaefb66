"""Incidents: one event, dated and placed, with its actors, sources and the news that reported it."""

import datetime
import mimetypes
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from chasqui.core.models import BasePage
from chasqui.news.choices import SourceLanguage

from ..archive_files import ArchiveRejected, inspect_upload, uploaded_copy_name
from ..choices import ActorRole, DatePrecision, Verification
from ..public import public_point, public_start
from ..record_context import incident_page_context
from ..sensitive_admin import (
    SensitiveRecordForm,
    WithheldFieldPanel,
    WithheldInlinePanel,
    marked_sensitive,
    public_coordinate,
    public_month,
    public_precision,
)


class IncidentQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def in_language(self, language_code=None):
        return self.filter(locale__language_code=language_code or translation.get_language())

    def newest_first(self):
        """By the public date: ordering by the real one would betray a sensitive incident's day."""
        return self.order_by("-public_date", "-pk")


IncidentManager = PageManager.from_queryset(IncidentQuerySet)


def withheld_sources_note(count):
    if not count:
        return _("No sources are recorded: only editors allowed to see sensitive data can add them.")
    return ngettext(
        "%(count)d source is withheld: you need the sensitive data permission to see or change it.",
        "%(count)d sources are withheld: you need the sensitive data permission to see or change them.",
        count,
    ) % {"count": count}


class IncidentPage(BasePage):
    """One incident. Public outputs read it only through `chasqui.observatory.public`."""

    date_start = models.DateField(_("date"), default=timezone.localdate)
    date_end = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For incidents over several days.")
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Whether the date is known to the day or only to the month."),
    )
    # What the public sees and lists are ordered and filtered by, kept by save().
    public_date = models.DateField(editable=False, db_index=True, default=datetime.date.min)
    region = models.ForeignKey(
        "news.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("region"),
    )
    province = models.CharField(_("province"), max_length=120, blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-19)), MaxValueValidator(Decimal(1))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-82)), MaxValueValidator(Decimal(-68))],
    )
    incident_type = models.ForeignKey(
        "observatory.IncidentType",
        null=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("type"),
    )
    killed = models.PositiveIntegerField(
        _("killed"), null=True, blank=True, help_text=_("Empty when unknown.")
    )
    injured = models.PositiveIntegerField(
        _("injured"), null=True, blank=True, help_text=_("Empty when unknown.")
    )
    detained = models.PositiveIntegerField(
        _("detained"), null=True, blank=True, help_text=_("Empty when unknown.")
    )
    description = models.TextField(
        _("summary"), help_text=_("A few sentences, public, naming no one at risk.")
    )
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.REPORTED
    )
    case = models.ForeignKey(
        "observatory.CasePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("case"),
    )
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Publicly, the date is shown to the month and the coordinates to a 0.1° grid."),
    )
    # The coordinates the public sees (on the grid when sensitive), kept by save(): the map groups by them.
    public_latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, editable=False)
    public_longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, editable=False)

    objects = IncidentManager()

    # Withheld in the admin from editors without the sensitive-data permission (sensitive_admin.py):
    # fields, and the sources' rows, whose titles and addresses can name the people concerned.
    sensitive_fields = (
        "date_start",
        "date_end",
        "date_precision",
        "latitude",
        "longitude",
        "is_sensitive",
        "sources",
    )
    base_form_class = SensitiveRecordForm
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        WithheldFieldPanel("date_start", public_month("date_start")),
                        WithheldFieldPanel("date_end", public_month("date_end")),
                    ]
                ),
                WithheldFieldPanel("date_precision", public_precision),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("province"), FieldPanel("district")]),
                FieldRowPanel(
                    [
                        WithheldFieldPanel("latitude", public_coordinate("latitude")),
                        WithheldFieldPanel("longitude", public_coordinate("longitude")),
                    ]
                ),
            ],
            heading=_("Where"),
        ),
        FieldPanel("incident_type"),
        FieldRowPanel(
            [FieldPanel("killed"), FieldPanel("injured"), FieldPanel("detained")], heading=_("Counts")
        ),
        FieldPanel("description"),
        FieldPanel("verification"),
        PageChooserPanel("case", "observatory.CasePage"),
        WithheldFieldPanel("is_sensitive", marked_sensitive, public_help=None),
        InlinePanel("actor_links", label=_("Actors")),
        WithheldInlinePanel("sources", withheld_sources_note, label=_("Sources")),
        InlinePanel("news_links", label=_("News items reporting it")),
    ]
    # Only public values: the real date and coordinates of a sensitive incident never reach the index.
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("province"),
        index.SearchField("district"),
    ]

    parent_page_types = ["observatory.IncidentIndexPage"]
    subpage_types = []
    template = "observatory/incident_page.html"

    class Meta:
        verbose_name = _("incident")
        indexes = [models.Index(fields=["public_date", "page_ptr"], name="incident_public_date_pk")]
        permissions = [("view_sensitive_data", _("Can see sensitive data of actors and incidents"))]

    @property
    def private_text_fields(self):
        """Never published, so left out of the check for unmarked sensitive names: a sensitive
        incident's sources (`public` withholds them)."""
        return ("sources",) if self.is_sensitive else ()

    def clean(self):
        super().clean()
        if self.date_end and self.date_start and self.date_end < self.date_start:
            raise ValidationError({"date_end": _("The end date is before the start date.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    def keep_public_values(self):
        """Copy what the public may see where lists and the map read it (`public` decides what)."""
        self.public_date = public_start(self)
        self.public_latitude, self.public_longitude = public_point(self)

    def save(self, *args, **kwargs):
        self.keep_public_values()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "public_date", "public_latitude", "public_longitude"}
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(incident_page_context(self, request))
        return context


class IncidentActor(Orderable):
    page = ParentalKey(IncidentPage, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(
        "observatory.ActorPage",
        on_delete=models.CASCADE,
        related_name="incident_links",
        verbose_name=_("actor"),
    )
    role = models.CharField(_("role"), max_length=12, choices=ActorRole.choices)

    panels = [PageChooserPanel("actor", "observatory.ActorPage"), FieldPanel("role")]


class IncidentSource(Orderable):
    """A source the editor cites. Its rows are rewritten from the revision on every publish, so only what
    the editor chose lives here: what Chasqui learns of the address itself is kept in SourceLink."""

    page = ParentalKey(IncidentPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=SourceLanguage.choices, default=SourceLanguage.SPANISH
    )
    date = models.DateField(_("date"), null=True, blank=True)
    archived_copy = models.FileField(
        _("archived copy"),
        upload_to=uploaded_copy_name,
        max_length=255,
        blank=True,
        help_text=_(
            "A PDF, HTML page or PNG, JPEG or WebP image of the source, shown if the link stops "
            "answering. Without one, Chasqui captures the page itself when the incident is published."
        ),
    )
    # Read from the uploaded file when it is chosen (clean), so they travel with it in the revision.
    archived_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    archived_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, editable=False)
    archived_content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    archived_added_at = models.DateTimeField(_("archived copy added at"), null=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("language"),
        FieldPanel("date"),
        FieldPanel("archived_copy"),
    ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        self.record_archived_copy()

    def record_archived_copy(self):
        """Check a newly chosen archived copy by its content and size; note its checksum, size and type."""
        upload = self.archived_copy
        if not upload or getattr(upload, "_committed", True):
            return
        try:
            facts = inspect_upload(upload, mimetypes.guess_type(upload.name)[0] or "")
        except ArchiveRejected as error:
            raise ValidationError({"archived_copy": str(error)}) from error
        self.archived_sha256 = facts.sha256
        self.archived_size = facts.size
        self.archived_content_type = facts.content_type
        self.archived_added_at = timezone.now()


class IncidentNewsItem(Orderable):
    page = ParentalKey(IncidentPage, on_delete=models.CASCADE, related_name="news_links")
    news_item = models.ForeignKey(
        "news.NewsItemPage",
        on_delete=models.CASCADE,
        related_name="incident_links",
        verbose_name=_("news item"),
    )

    panels = [PageChooserPanel("news_item", "news.NewsItemPage")]
