"""Signals that Chasqui's apps send and listen to."""

from django.dispatch import Signal

# Sent after pages were written in bulk (the importer, the news generator), which bypasses
# Wagtail's per-page signals. Every cache that holds page data listens to it.
pages_bulk_changed = Signal()

# Sent when run_scheduled_jobs has run every job, with `failures`: the names of those that failed.
# Operations records it, so the health check can tell when the cron line stopped.
scheduled_jobs_finished = Signal()
