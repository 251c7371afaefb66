"""The bulletin's sending task, the one way to queue it, and resuming sends whose worker died."""

from django.tasks import task
from django.utils import timezone

from chasqui.core.worker_deaths import fail_running_task

from . import outbox
from .choices import BulletinStatus
from .models import Bulletin
from .sending import send_pending

STOPPED = "The worker sending this bulletin stopped (its heartbeat went quiet); the send was resumed."


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


def resume_interrupted_sends(now=None):
    """Queue the send of every bulletin a killed worker left half sent; a starting worker calls this.

    A run whose process is known to have died (on this machine) or whose heartbeat stopped long
    enough ago is resumed at once; one that may still be alive (its heartbeat is recent, its
    process elsewhere) is looked at again as soon as it would count as dead. Returns the bulletins
    queued now.
    """
    now = now or timezone.now()
    resumed = []
    for bulletin in Bulletin.objects.filter(status=BulletinStatus.SENDING):
        if not outbox.held_deliveries(bulletin).exists():
            continue
        gone = outbox.worker_gone(bulletin, now)
        if gone:  # every run of it is over, on whatever machine: their records say so
            fail_running_task(send_bulletin, bulletin.pk, reason=STOPPED)
        if gone or outbox.dead_claims(bulletin):
            enqueue_send(bulletin.pk)
            resumed.append(bulletin)
        else:
            enqueue_send(bulletin.pk, run_after=outbox.last_sign_of_life(bulletin) + outbox.WORKER_GONE_AFTER)
    return resumed
