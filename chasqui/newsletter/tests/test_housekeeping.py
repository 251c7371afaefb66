"""The daily cleanup in the scheduled jobs: expired sessions and old finished task records go;
live sessions and waiting, running or recent tasks stay; later runs the same day do nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chasqui.newsletter.tasks import send_bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def session(expires_in):
    store = SessionStore()
    store["visited"] = True
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def task_result(status, finished_days_ago=None):
    result = send_bulletin.enqueue(0)
    finished_at = (
        timezone.now() - timedelta(days=finished_days_ago) if finished_days_ago is not None else None
    )
    DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=finished_at)
    return str(result.id)


def run_jobs():
    output = StringIO()
    call_command("run_scheduled_jobs", stdout=output, stderr=StringIO())
    return output.getvalue()


def test_the_scheduled_jobs_clear_expired_sessions_and_old_finished_tasks(database_tasks, settings):
    settings.CHASQUI_TASK_RESULTS_KEEP_DAYS = 14
    expired = session(timedelta(hours=-1))
    live = session(timedelta(days=1))
    old_success = task_result("SUCCESSFUL", finished_days_ago=15)
    old_failure = task_result("FAILED", finished_days_ago=30)
    recent = task_result("SUCCESSFUL", finished_days_ago=13)
    waiting = task_result("READY")
    running = task_result("RUNNING")
    DBTaskResult.objects.filter(pk__in=[waiting, running]).update(
        enqueued_at=timezone.now() - timedelta(days=60)
    )

    output = run_jobs()

    assert "clean_up_old_records" in output
    assert "Deleted 1 expired session(s) and 2 finished task record(s)" in output
    assert set(Session.objects.values_list("session_key", flat=True)) == {live}
    assert expired not in set(Session.objects.values_list("session_key", flat=True))
    remaining = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert remaining == {recent, waiting, running}
    assert old_success not in remaining
    assert old_failure not in remaining


def test_the_keep_time_is_a_setting(database_tasks, settings):
    settings.CHASQUI_TASK_RESULTS_KEEP_DAYS = 3
    kept = task_result("SUCCESSFUL", finished_days_ago=2)
    task_result("SUCCESSFUL", finished_days_ago=4)
    call_command("clean_up_old_records", stdout=StringIO())
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [kept]


def test_it_runs_once_a_day(database_tasks):
    call_command("clean_up_old_records", stdout=StringIO())
    session(timedelta(hours=-1))
    output = StringIO()
    call_command("clean_up_old_records", stdout=output)
    assert "Already cleaned up today" in output.getvalue()
    assert Session.objects.count() == 1
    call_command("clean_up_old_records", "--force", stdout=StringIO())
    assert Session.objects.count() == 0
