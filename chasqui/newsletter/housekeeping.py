"""Once a day, forget what only piles up: expired sessions and the records of finished tasks.

Every email the site sends is a background task, and each leaves a row in django-tasks-db; every
visitor who signs up, signs in or edits leaves a session. Neither is needed once it is over, so the
scheduled jobs delete them (sign-ups nobody confirmed are forgotten by `expire_pending_subscribers`;
confirmation and unsubscribe links are signed, not stored, so nothing of theirs piles up).
"""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def task_results_keep_days():
    """Days a finished task's record is kept (for the admin's task list); CHASQUI_TASK_RESULTS_KEEP_DAYS."""
    return getattr(settings, "CHASQUI_TASK_RESULTS_KEEP_DAYS", 14)


@dataclass
class Cleanup:
    ran: bool = False
    sessions: int = 0
    task_results: int = 0


def clear_expired_sessions(now):
    """Django's `clearsessions`: the session engine deletes its own expired sessions."""
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        # The same as engine.SessionStore.clear_expired(), counted.
        return Session.objects.filter(expire_date__lt=now).delete()[0]
    engine.SessionStore.clear_expired()
    return 0


def prune_task_results(now):
    """Finished (successful or failed) task records older than the keep time; never a waiting or
    running one, which a worker still needs."""
    cutoff = now - timedelta(days=task_results_keep_days())
    return DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()[0]


def clean_up(now=None, force=False):
    """The day's cleanup; later runs of the same day do nothing unless `force`d."""
    now = now or timezone.now()
    if not force and not cache.add(f"chasqui:housekeeping:{timezone.localdate(now)}", True, 2 * 86400):
        return Cleanup()
    return Cleanup(ran=True, sessions=clear_expired_sessions(now), task_results=prune_task_results(now))
