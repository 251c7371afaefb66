"""What Chasqui knows of a source's address, whichever incidents (and languages) cite it: the copy it
captured and how the address answered the link check.

It is a model of its own, not fields of IncidentSource, because publishing an incident rewrites its
sources from the editor's revision, which would wipe a capture or a check made since.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..archive_files import captured_copy_name


class SourceLinkQuerySet(models.QuerySet):
    def cited(self):
        """Addresses cited by a published incident."""
        sources = self.model._meta.apps.get_model("observatory", "IncidentSource").objects
        return self.filter(url__in=sources.filter(page__live=True).values("url"))


class SourceLink(models.Model):
    url = models.URLField(_("URL"), max_length=500, unique=True)

    capture = models.FileField(_("captured copy"), upload_to=captured_copy_name, max_length=255, blank=True)
    capture_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    capture_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    capture_content_type = models.CharField(_("content type"), max_length=100, blank=True)
    capture_final_url = models.URLField(_("address after redirects"), max_length=2000, blank=True)
    capture_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True)
    # The last attempt that failed; an earlier capture, if any, is kept.
    capture_error = models.TextField(_("capture error"), blank=True)
    capture_tried_at = models.DateTimeField(_("last capture attempt"), null=True, blank=True)

    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True, db_index=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    failed_checks = models.PositiveSmallIntegerField(_("failed checks in a row"), default=0)
    # Failed every check for a week or more (linkcheck.STOPPED_AFTER): readers get the archived copy.
    stopped_answering = models.BooleanField(_("stopped answering"), default=False, db_index=True)

    objects = SourceLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("source address")
        verbose_name_plural = _("source addresses")

    def __str__(self):
        return self.url
