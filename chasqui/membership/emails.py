"""Emails to members. Sending runs as a task so a web request never waits on the mail server."""

from django.tasks import task


def send_receipt(payment_id):
    send_receipt_task.enqueue(payment_id)


@task
def send_receipt_task(payment_id):
    """Receipt for one payment (to be written)."""
