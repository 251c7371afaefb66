"""Numbered bulletins, the news items in each, and one delivery record per recipient."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin

from chasqui.core.blocks import SENSITIVE_NAME_FEATURE
from chasqui.core.content_checks import check_content
from chasqui.core.sites import absolute_url
from chasqui.news.models import NewsItemPage

from .choices import Audience, BulletinStatus, DeliveryStatus
from .content import render_bulletin_email, rich_text_markup, web_page_context
from .panels import TitledInlinePanel

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", SENSITIVE_NAME_FEATURE]


def bulletin_label():
    """The word before the number ("Update" in "Update 120"); set by CHASQUI_BULLETIN_LABEL."""
    return getattr(settings, "CHASQUI_BULLETIN_LABEL", "") or pgettext_lazy("bulletin title", "Update")


class BulletinQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=BulletinStatus.SENT)

    def in_language(self, language_code=None):
        return self.filter(language=language_code or translation.get_language())

    def headlines(self):
        """Each bulletin's live headlines in the editor's order, by bulletin id: one query for a page."""
        rows = (
            BulletinItem.objects.filter(bulletin__in=self, news_item__live=True)
            .order_by("bulletin_id", "sort_order", "pk")
            .values_list("bulletin_id", "news_item__title")
        )
        headlines = {}
        for bulletin_id, title in rows:
            headlines.setdefault(bulletin_id, []).append(title)
        return headlines

    def newest_first(self):
        return self.order_by("-number")

    def with_delivery_counts(self):
        """Counts for the admin listing in the same query as the bulletins."""
        return self.annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            remaining_count=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]),
            ),
        )


class Bulletin(PreviewableMixin, ClusterableModel):
    """One numbered issue of the weekly news update, sent once by email and kept on the site."""

    number = models.PositiveIntegerField(_("number"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    audience = models.CharField(
        _("send to"), max_length=16, choices=Audience.choices, default=Audience.LANGUAGE
    )
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the number and the first headline, e.g. “Update 3: Floods in Piura”."),
    )
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown after the subject in most inboxes, hidden in the email itself. "
            "Leave empty for the number of news items."
        ),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    sign_off = RichTextField(_("sign-off"), blank=True, features=RICH_TEXT_FEATURES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BulletinStatus.choices,
        default=BulletinStatus.DRAFT,
        editable=False,
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True, editable=False)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    recipients_listed_at = models.DateTimeField(null=True, blank=True, editable=False)
    retry_at = models.DateTimeField(_("next retry"), null=True, blank=True, editable=False)
    # Written by the sending run as it goes: when it stops, a dead worker is told from a slow one.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    connection_failures = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = BulletinQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("language"), FieldPanel("audience")]),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("introduction"),
        TitledInlinePanel("items", label=_("News item"), heading=_("News items")),
        FieldPanel("sign_off"),
    ]

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["language", "number"], name="bulletin_unique_number_per_language")
        ]
        indexes = [models.Index(fields=["status", "language", "number"], name="bulletin_status_lang_number")]

    def clean(self):
        super().clean()
        check_content(self)

    def __str__(self):
        return self.title

    @property
    def title(self):
        with translation.override(self.language):
            return f"{bulletin_label()} {self.number}"

    def default_subject(self):
        """The number and the lead headline ("Update 3: Floods in Piura"), or the number alone."""
        lead = next(iter(self.news_items()), None)
        if lead is None:
            return self.title
        with translation.override(self.language):
            return _("%(title)s: %(headline)s") % {"title": self.title, "headline": lead.title}

    def subject_line(self):
        """What the email's subject, the web page's title and the archive show."""
        return self.subject or self.default_subject()

    @property
    def is_draft(self):
        return self.status == BulletinStatus.DRAFT

    def introduction_html(self):
        return rich_text_markup(self.introduction)

    def sign_off_html(self):
        return rich_text_markup(self.sign_off)

    def get_url(self):
        with translation.override(self.language):
            return reverse("newsletter:detail", args=[self.number])

    def get_full_url(self):
        return absolute_url(self.get_url())

    def news_items(self):
        """The bulletin's news items in the editor's order, ready to render."""
        items = sorted(self.items.all(), key=lambda item: (item.sort_order or 0, item.pk or 0))
        pages = NewsItemPage.objects.live().in_bulk(
            [item.news_item_id for item in items if item.news_item_id]
        )
        return [pages[item.news_item_id] for item in items if item.news_item_id in pages]

    # Preview as the email readers receive and as the page on the site.
    preview_modes = [("email", _("Email")), ("web", _("Web page"))]
    default_preview_mode = "email"

    def get_preview_template(self, request, mode_name):
        return "newsletter/bulletin_detail.html"

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            email = render_bulletin_email(self, preview=True)
            return HttpResponse(email.html_for(unsubscribe="#unsubscribe"))
        with translation.override(self.language):
            context = web_page_context(self)
            return TemplateResponse(request, "newsletter/bulletin_detail.html", context).render()


class BulletinItem(Orderable):
    bulletin = ParentalKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    news_item = models.ForeignKey(
        "news.NewsItemPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("news item")
    )

    panels = [FieldPanel("news_item")]

    class Meta(Orderable.Meta):
        verbose_name = _("bulletin item")
        verbose_name_plural = _("bulletin items")

    def __str__(self):
        return str(self.news_item)


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued deliveries whose retry time, if any, has come."""
        now = now or timezone.now()
        return self.filter(status=DeliveryStatus.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )

    def counts(self):
        """{"sent": n, "failed": n, "skipped": n, "uncertain": n, "remaining": n, "total": n} in one query."""
        totals = self.aggregate(
            sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
            uncertain=Count("pk", filter=Q(status=DeliveryStatus.UNCERTAIN)),
            remaining=Count("pk", filter=Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])),
            total=Count("pk"),
        )
        return totals


class Delivery(models.Model):
    """A bulletin's copy for one subscriber: the record that makes resending after a failure safe."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "subscribers.Subscriber", on_delete=models.CASCADE, related_name="bulletin_deliveries"
    )
    email = models.EmailField(_("email"), max_length=254)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "subscriber"], name="delivery_once_per_subscriber")
        ]
        indexes = [models.Index(fields=["bulletin", "status"], name="delivery_bulletin_status")]

    def __str__(self):
        return f"{self.bulletin} → {self.email}"
