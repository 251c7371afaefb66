"""What /healthz checks: each check says ok, warn, fail or unknown, with figures but never a name,
an address or an error message that could hold one."""

import datetime
import uuid

import django_rq
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import Backup, SchedulerRun

OK, WARN, FAIL, UNKNOWN = "ok", "warn", "fail", "unknown"
RQ_BACKEND = "django_tasks_rq.RQBackend"
# run_scheduled_jobs runs every five minutes; an hour without it means the cron line stopped.
SCHEDULER_MAX_AGE = datetime.timedelta(hours=1)
# A nightly backup, with two hours' slack for a slow night.
BACKUP_MAX_AGE = datetime.timedelta(hours=26)


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure to answer is the news
        return {"status": FAIL}
    return {"status": OK, "vendor": connection.vendor}


def check_cache():
    key, value = f"chasqui:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        read = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any failure to answer is the news
        return {"status": FAIL}
    return {"status": OK if read == value else FAIL}


def check_task_queue():
    """Tasks waiting for a worker: in django_tasks_db's table, or in the Redis queues RQ reads."""
    backend = settings.TASKS["default"]["BACKEND"]
    try:
        if backend.startswith("django_tasks_db."):
            return {"status": OK, "queued": DBTaskResult.objects.ready().count()}
        if backend == RQ_BACKEND:
            queued = sum(django_rq.get_queue(name).count for name in settings.RQ_QUEUES)
            return {"status": OK, "queued": queued}
    except Exception:  # noqa: BLE001 - a missing table, a dead database or an unreachable Redis
        return {"status": UNKNOWN, "queued": "unknown"}
    return {"status": UNKNOWN, "queued": "unknown", "backend": backend.rsplit(".", 1)[-1]}


def _age(when, now):
    return int((now - when).total_seconds())


def check_scheduler(now):
    run = SchedulerRun.objects.first()
    if run is None:
        return {"status": WARN, "last_run": None, "age_seconds": None}
    age = now - run.finished_at
    status = WARN if age > SCHEDULER_MAX_AGE or run.failed_jobs else OK
    return {
        "status": status,
        "last_run": run.finished_at.isoformat(),
        "age_seconds": _age(run.finished_at, now),
        "failed_jobs": [name for name in run.failed_jobs.split(", ") if name],
    }


def check_backup(now):
    configured = bool(settings.CHASQUI_BACKUP_AT)
    last = Backup.objects.exclude(finished_at=None).first()
    last_ok = Backup.objects.succeeded().first()
    result = {
        "configured": configured,
        "last_ok_at": last_ok.started_at.isoformat() if last_ok else None,
        "age_seconds": _age(last_ok.started_at, now) if last_ok else None,
        "last_attempt_ok": last.ok if last else None,
    }
    stale = last_ok is None or now - last_ok.started_at > BACKUP_MAX_AGE
    if not configured:
        result["status"] = UNKNOWN
    elif stale or (last and not last.ok):
        result["status"] = WARN
    else:
        result["status"] = OK
    return result


def health_report(now=None):
    """The whole report; its status is fail when the database or the cache does not answer,
    warn when something needs a look (stale backup, stopped scheduler), else ok."""
    now = now or timezone.now()
    checks = {"database": check_database(), "cache": check_cache()}
    if checks["database"]["status"] == OK:
        checks.update(task_queue=check_task_queue(), scheduler=check_scheduler(now), backup=check_backup(now))
    statuses = {check["status"] for check in checks.values()}
    overall = FAIL if FAIL in statuses else WARN if WARN in statuses else OK
    return {"status": overall, "time": now.isoformat(), "checks": checks}
