"""What /healthz and the admin report on: each backup's outcome and the scheduler's last run."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupQuerySet(models.QuerySet):
    def succeeded(self):
        return self.filter(ok=True)


class Backup(models.Model):
    """One attempt at a backup, kept whether it worked or not."""

    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    archive_name = models.CharField(_("archive"), max_length=200)
    destination = models.CharField(_("destination"), max_length=300, blank=True)
    size_bytes = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    encrypted = models.BooleanField(_("encrypted"), default=False)
    ok = models.BooleanField(_("succeeded"), default=False)
    error = models.TextField(_("error"), blank=True)

    objects = BackupQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")

    def __str__(self):
        return self.archive_name


class SchedulerRun(models.Model):
    """The last time run_scheduled_jobs finished; one row, overwritten by every run."""

    finished_at = models.DateTimeField(_("finished at"))
    failed_jobs = models.CharField(_("failed jobs"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("scheduler run")

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
