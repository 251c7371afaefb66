"""The bulletin's mailing list and its consent ledger."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .choices import ConsentCause, SubscriberStatus


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Subscribers a bulletin may be sent to."""
        return self.filter(status=SubscriberStatus.SUBSCRIBED)

    def in_language(self, language_code):
        return self.filter(language=language_code)

    def pending_since_before(self, cutoff):
        """Sign-ups still unconfirmed whose last confirmation email went out before `cutoff`."""
        last_asked = Coalesce("confirmation_sent_at", "status_changed_at")
        return (
            self.filter(status=SubscriberStatus.PENDING)
            .alias(last_asked=last_asked)
            .filter(last_asked__lt=cutoff)
        )


# Long enough for any real name; imports check against it before writing.
NAME_MAX_LENGTH = 200


class Subscriber(models.Model):
    """One email address on the list; its status only changes through the services, which log why."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation last sent"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        indexes = [models.Index(fields=["status", "language"], name="subscriber_status_language")]

    def __str__(self):
        return self.email

    @property
    def is_receiving(self):
        return self.status == SubscriberStatus.SUBSCRIBED


class ConsentEvent(models.Model):
    """A change of a subscriber's status, kept as evidence of consent (or its withdrawal)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consent_events")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    from_status = models.CharField(_("from"), max_length=16, choices=SubscriberStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=SubscriberStatus.choices)
    cause = models.CharField(_("cause"), max_length=24, choices=ConsentCause.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.subscriber}: {self.from_status or '-'} → {self.to_status} ({self.cause})"
