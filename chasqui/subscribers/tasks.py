"""Background work, so a web request never waits on the mail server."""

from django.tasks import task

from .confirmation import send_confirmation
from .expiry import expire_pending
from .models import Subscriber


@task()
def send_confirmation_email(subscriber_id):
    """Sends the sign-up's confirmation email, unless it was confirmed or removed in the meantime."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    return bool(subscriber) and send_confirmation(subscriber)


@task()
def expire_pending_subscribers():
    """Run daily (e.g. from cron: `manage.py expire_pending_subscribers`, or enqueue this task)."""
    expiry = expire_pending()
    return {"deleted": expiry.deleted, "reverted": expiry.reverted}
