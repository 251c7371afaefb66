"""Signals that Chasqui's apps send and listen to."""

from django.dispatch import Signal

# Sent after pages were written in bulk (the importer, the news generator), which bypasses
# Wagtail's per-page signals. Every cache that holds page data listens to it.
pages_bulk_changed = Signal()
