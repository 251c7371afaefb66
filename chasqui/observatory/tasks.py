"""Capturing sources in the background, and the ways to queue it: after an incident is published, from
the editor's "Archive sources now", and from the link check for captures that failed."""

import logging

from django.conf import settings
from django.db import transaction
from django.tasks import task

from . import capture
from .models import IncidentPage

logger = logging.getLogger(__name__)


@task()
def capture_source(link_id):
    return capture.capture(link_id)


def enqueue_captures(links):
    """Queue a capture of each link once the transaction commits; a queue that fails is logged and
    never fails the editor's request."""
    ids = [link.pk for link in links]

    def enqueue():
        for link_id in ids:
            try:
                capture_source.enqueue(link_id)
            except Exception:  # any queue failure: the link check tries again
                logger.exception("Could not queue the capture of source address %s", link_id)

    if ids:
        transaction.on_commit(enqueue)
    return len(ids)


def capture_missing(page_id):
    """Queue captures for a published incident's sources that have no archived copy of either kind."""
    urls = IncidentPage.objects.filter(pk=page_id, live=True).values_list("sources__url", flat=True)
    links = capture.links_for(urls)
    return enqueue_captures(capture.needs_capture(list(links.values())))


def incident_published(sender, instance, **kwargs):
    if settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH:
        page_id = instance.pk
        transaction.on_commit(lambda: safely(capture_missing, page_id))


def safely(function, *args):
    try:
        function(*args)
    except Exception:  # publishing has happened: a capture is never worth an error page
        logger.exception("Could not queue the captures of incident %s", *args)


def capture_now(page):
    """ "Archive sources now": a fresh capture of every address among the page's sources as last edited."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    links = capture.links_for(source.url for source in latest.sources.all())
    return enqueue_captures(links.values())
