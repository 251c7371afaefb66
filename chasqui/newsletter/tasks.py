from django.tasks import task

from .sending import send_pending


@task()
def send_bulletin(bulletin_id):
    """Send a bulletin's queued deliveries; re-queues itself for retries when the backend can defer."""
    result = send_pending(bulletin_id)
    return {"sent": result.sent, "failed": result.failed, "finished": result.finished}
