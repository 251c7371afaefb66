"""The bulletin's sending task, and the one way to queue it."""

from django.tasks import task

from .sending import send_pending


@task()
def send_bulletin(bulletin_id):
    """Send a bulletin's queued deliveries; re-queues itself for retries when the backend can defer."""
    result = send_pending(bulletin_id)
    if result.requeue_at:
        enqueue_send(bulletin_id, run_after=result.requeue_at)
    return {"sent": result.sent, "failed": result.failed, "finished": result.finished}


def enqueue_send(bulletin_id, run_after=None):
    """Queue the sending task; backends that cannot defer leave the wait to send_due_bulletins."""
    task = send_bulletin
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None
        task = task.using(run_after=run_after)
    return task.enqueue(bulletin_id)
