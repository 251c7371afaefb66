"""Hears core's scheduler finish, so /healthz can tell a stopped cron line from a working one."""

from django.dispatch import receiver
from django.utils import timezone

from chasqui.core.signals import scheduled_jobs_finished

from .models import SchedulerRun


@receiver(scheduled_jobs_finished, dispatch_uid="chasqui_operations_scheduler_run")
def record_scheduler_run(sender, failures=(), **kwargs):
    SchedulerRun.objects.update_or_create(
        pk=1, defaults={"finished_at": timezone.now(), "failed_jobs": ", ".join(failures)[:500]}
    )
