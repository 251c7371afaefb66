"""Emails to members. Sending runs as a task so a web request never waits on the mail server;
each message is written in the member's language and signed with the charity's details."""

import datetime
import logging

from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from chasqui.core.mail import build_email, send_each
from chasqui.core.sites import absolute_url

from .choices import MembershipStatus, PaymentMethod, ReminderKind
from .lifecycle.renewal_links import renewal_token
from .models import Member, Payment, Reminder
from .organisation import membership_settings, site_settings

logger = logging.getLogger(__name__)

REMINDER_TEMPLATES = {
    ReminderKind.RENEW_30_DAYS: "renewal_due",
    ReminderKind.RENEW_7_DAYS: "renewal_due",
    ReminderKind.LAPSED: "lapsed",
    ReminderKind.CARD_CHARGE_NOTICE: "card_charge_notice",
}


# What the rest of the app calls: each queues a task.


def send_receipt(payment_id):
    send_receipt_task.enqueue(payment_id)


def send_welcome(member_id):
    send_welcome_task.enqueue(member_id)


def send_payment_failed(member_id):
    send_payment_failed_task.enqueue(member_id)


def send_join_attempt(member_id):
    send_join_attempt_task.enqueue(member_id)


def send_reminders(reminder_ids, today=None):
    """One task for a chunk of reminders: rendered and sent over one connection."""
    send_reminders_task.enqueue(list(reminder_ids), today.isoformat() if today else None)


# Building messages.


def renewal_url(member):
    with translation.override(member.language):
        return absolute_url(reverse("membership:renew", args=[renewal_token(member)]))


def members_area_url(member):
    with translation.override(member.language):
        try:
            return absolute_url(reverse("membership:sign_in"))
        except NoReverseMatch:
            return ""


class Sender:
    """The charity's details, looked up once and shared by every message in a batch."""

    def __init__(self):
        self.organisation = site_settings()
        self.membership_settings = membership_settings()

    def message(self, member, template, **context):
        with translation.override(member.language):
            context = {
                "member": member,
                "organisation": self.organisation.localized,
                "membership_settings": self.membership_settings.localized,
                "is_pending": member.status == MembershipStatus.PENDING,
                "pays_offline": member.payment_method in PaymentMethod.offline(),
                "pays_by_cheque": member.payment_method == PaymentMethod.CHEQUE,
                "members_area_url": members_area_url(member),
                **context,
            }
        return build_email(
            f"membership/email/{template}",
            context,
            member.email,
            reply_to=self.membership_settings.secretary_email or self.organisation.email,
            language=member.language,
            organisation=self.organisation,
        )

    def welcome(self, member):
        return self.message(member, "welcome")

    def receipt(self, payment):
        member = payment.member
        declaration = member.active_gift_aid_declaration
        return self.message(
            member,
            "receipt",
            payment=payment,
            gift_aid=bool(declaration and declaration.covers(payment.paid_on)),
        )

    def reminder(self, reminder, today=None):
        member = reminder.member
        today = today or timezone.localdate(reminder.sent_at)
        return self.message(
            member,
            REMINDER_TEMPLATES[reminder.kind],
            reminder=reminder,
            days_left=(reminder.period_expires_on - today).days,
            renewal_url=renewal_url(member),
            plan=member.next_plan or member.plan,
        )

    def payment_failed(self, member):
        return self.message(member, "payment_failed", renewal_url=renewal_url(member))

    def join_attempt(self, member):
        return self.message(member, "join_attempt")


def deliver(messages):
    """Send over one connection; returns the messages that could not be sent."""
    return send_each(messages)


# Tasks.


@task
def send_receipt_task(payment_id):
    """Receipt for one payment."""
    payment = Payment.objects.select_related("member", "plan").filter(pk=payment_id).first()
    if payment is None or payment.member.erased_at:
        return 0
    failed = deliver([Sender().receipt(payment)])
    return 1 - len(failed)


@task
def send_welcome_task(member_id):
    """Welcome with the membership number and, while unpaid, how to pay."""
    member = Member.objects.select_related("plan").filter(pk=member_id, erased_at__isnull=True).first()
    if member is None:
        return 0
    return 1 - len(deliver([Sender().welcome(member)]))


@task
def send_payment_failed_task(member_id):
    member = Member.objects.select_related("plan").filter(pk=member_id, erased_at__isnull=True).first()
    if member is None:
        return 0
    return 1 - len(deliver([Sender().payment_failed(member)]))


@task
def send_join_attempt_task(member_id):
    """Someone used the member's address on the join form: tell them, with the way to sign in."""
    member = Member.objects.select_related("plan").filter(pk=member_id, erased_at__isnull=True).first()
    if member is None:
        return 0
    return 1 - len(deliver([Sender().join_attempt(member)]))


@task
def send_reminders_task(reminder_ids, today=None):
    """Reminders for a chunk of members over one connection. A reminder that could not be sent is
    forgotten, so the next daily run tries again. `today` (ISO date) is the day of the daily run."""
    today = datetime.date.fromisoformat(today) if today else None
    reminders = list(
        Reminder.objects.filter(pk__in=reminder_ids, member__erased_at__isnull=True).select_related(
            "member", "member__plan", "member__next_plan"
        )
    )
    if not reminders:
        return 0
    sender = Sender()
    messages = [sender.reminder(reminder, today) for reminder in reminders]
    failed = {id(message) for message in deliver(messages)}
    if failed:
        unsent = [
            reminder.pk
            for reminder, message in zip(reminders, messages, strict=True)
            if id(message) in failed
        ]
        Reminder.objects.filter(pk__in=unsent).delete()
    return len(reminders) - len(failed)
