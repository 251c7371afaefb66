"""Background work for membership: the daily run (emails have their own tasks in emails.py)."""

import datetime

from django.tasks import task

from .lifecycle import daily_run


@task
def run_membership_daily_task(today=None):
    """Schedule once a day; `today` (ISO date) only for catching up on a missed day."""
    day = datetime.date.fromisoformat(today) if today else None
    result = daily_run.run_daily(day)
    return {
        "today": result.today.isoformat(),
        "transitions": result.transitions,
        "reminders": result.reminders,
        "tasks_enqueued": result.tasks_enqueued,
    }
