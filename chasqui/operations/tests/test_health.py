"""/healthz tells an uptime monitor whether the site can serve and whether its jobs and backups
are happening; run_scheduled_jobs records its runs and takes the nightly backup once a day."""

import datetime
import json
import logging

import django_rq
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from chasqui.operations.backup import nightly_backup_due
from chasqui.operations.logs import JsonFormatter
from chasqui.operations.models import Backup, SchedulerRun

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_check_without_personal_data_and_is_never_cached(client, settings):
    settings.CHASQUI_BACKUP_AT = ""
    SchedulerRun.objects.create(finished_at=timezone.now())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"]["status"] == "ok"
    assert report["checks"]["cache"]["status"] == "ok"
    assert report["checks"]["scheduler"]["status"] == "ok"
    assert report["checks"]["backup"] == {
        "configured": False,
        "last_ok_at": None,
        "age_seconds": None,
        "last_attempt_ok": None,
        "status": "unknown",
    }
    assert set(report["checks"]["task_queue"]) >= {"status", "queued"}


def test_healthz_counts_queued_tasks_of_the_database_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    queue = client.get("/healthz").json()["checks"]["task_queue"]

    assert queue == {"status": "ok", "queued": 0}


def test_healthz_counts_queued_tasks_of_the_redis_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/9"}}
    # Redis on loopback, as in production; enqueued at once, not when the test transaction commits.
    queue = django_rq.get_queue("default", is_async=True, commit_mode="auto")
    queue.empty()
    try:
        queue.enqueue("os.getcwd")
        queue.enqueue("os.getcwd")

        report = client.get("/healthz").json()["checks"]["task_queue"]
    finally:
        queue.empty()

    assert report == {"status": "ok", "queued": 2}


def test_healthz_says_unknown_when_the_redis_queue_cannot_be_reached(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_TIMEOUT": 1}}

    report = client.get("/healthz").json()["checks"]["task_queue"]

    assert report == {"status": "unknown", "queued": "unknown"}


def test_healthz_warns_of_a_stale_backup_and_a_stopped_scheduler(client, settings):
    settings.CHASQUI_BACKUP_AT = "02:30"
    long_ago = timezone.now() - datetime.timedelta(hours=30)
    Backup.objects.create(started_at=long_ago, finished_at=long_ago, archive_name="a", ok=True)
    SchedulerRun.objects.create(finished_at=long_ago)

    response = client.get("/healthz")

    report = response.json()
    assert response.status_code == 200
    assert report["status"] == "warn"
    assert report["checks"]["backup"]["status"] == "warn"
    assert report["checks"]["backup"]["age_seconds"] >= 30 * 3600
    assert report["checks"]["scheduler"]["status"] == "warn"


def test_healthz_answers_503_when_the_cache_fails(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "fail"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduled_jobs_record_their_run_and_back_up_once_a_day(settings, media_root, backup_dir):
    settings.CHASQUI_BACKUP_AT = "02:30"
    with time_machine.travel(datetime.datetime(2026, 12, 1, 1, 0, tzinfo=datetime.UTC), tick=False):
        call_command("run_scheduled_jobs")
        assert not Backup.objects.exists()
    for hour in (3, 4):
        with time_machine.travel(datetime.datetime(2026, 12, 1, hour, 0, tzinfo=datetime.UTC), tick=False):
            call_command("run_scheduled_jobs")

    assert Backup.objects.count() == 1
    assert Backup.objects.get().ok
    assert [path.name for path in backup_dir.iterdir()] == ["chasqui-backup-20261201T030000Z.tar.gz"]
    assert SchedulerRun.objects.get().finished_at == datetime.datetime(2026, 12, 1, 4, 0, tzinfo=datetime.UTC)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 2, 31, tzinfo=datetime.UTC), tick=False):
        assert nightly_backup_due()


def test_json_log_format_writes_one_object_a_line():
    record = logging.LogRecord("chasqui.test", logging.WARNING, __file__, 1, "Sent %d", (3,), None)
    record.bulletin = 120

    line = JsonFormatter().format(record)

    assert "\n" not in line
    assert json.loads(line) | {"time": None} == {
        "time": None,
        "level": "WARNING",
        "logger": "chasqui.test",
        "message": "Sent 3",
        "bulletin": 120,
    }
