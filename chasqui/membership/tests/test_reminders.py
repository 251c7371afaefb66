"""The reminder schedule: 30 and 7 days before expiry, on lapsing, and the card notice; each once per
period, with a working renewal link; and a daily run whose query count does not grow with members."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from chasqui.core.testing.smtp import (
    text_body,
)
from chasqui.membership import emails
from chasqui.membership.choices import MembershipStatus, PaymentMethod, ReminderKind
from chasqui.membership.lifecycle import daily_run
from chasqui.membership.member_calendar import MEMBERSHIP_PERIOD
from chasqui.membership.models import Member, MemberEvent, Reminder
from chasqui.membership.organisation import membership_settings

from .factories import MemberFactory

TODAY = datetime.date(2026, 6, 15)
days = datetime.timedelta


def active(expires_in, **fields):
    fields.setdefault("status", MembershipStatus.ACTIVE)
    return MemberFactory(expires_on=TODAY + days(expires_in), **fields)


def kinds(member):
    return sorted(Reminder.objects.filter(member=member).values_list("kind", flat=True))


@pytest.mark.django_db
def test_renewal_reminders_thirty_and_seven_days_before_expiry():
    member = active(30)
    daily_run.run_daily(TODAY - days(1))
    assert kinds(member) == []
    daily_run.run_daily(TODAY)
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS]
    daily_run.run_daily(TODAY + days(22))
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS]
    daily_run.run_daily(TODAY + days(23))
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS, ReminderKind.RENEW_7_DAYS]


@pytest.mark.django_db
def test_a_second_run_the_same_day_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    active(30)
    active(5)
    with django_capture_on_commit_callbacks(execute=True):
        first = daily_run.run_daily(TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        second = daily_run.run_daily(TODAY)
    assert first.reminder_count == 2
    assert second.reminder_count == 0
    assert second.tasks_enqueued == 0
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_each_reminder_is_sent_once_per_period_and_again_next_period():
    member = active(10)
    daily_run.run_daily(TODAY)  # 30-day window, 10 days left
    daily_run.run_daily(TODAY + days(1))
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS]
    member.expires_on = member.expires_on + MEMBERSHIP_PERIOD
    member.save()
    daily_run.run_daily(member.expires_on - days(30))
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS, ReminderKind.RENEW_30_DAYS]


@pytest.mark.django_db
def test_lapsed_reminder_is_sent_when_the_membership_lapses():
    member = active(0)
    grace_days = membership_settings().grace_days
    daily_run.run_daily(TODAY + days(grace_days))
    member.refresh_from_db()
    assert member.status == MembershipStatus.GRACE
    assert ReminderKind.LAPSED not in kinds(member)
    daily_run.run_daily(TODAY + days(grace_days + 1))
    member.refresh_from_db()
    assert member.status == MembershipStatus.LAPSED
    assert kinds(member).count(ReminderKind.LAPSED) == 1
    daily_run.run_daily(TODAY + days(grace_days + 2))
    assert kinds(member).count(ReminderKind.LAPSED) == 1


@pytest.mark.django_db
def test_long_lapsed_members_are_not_written_to():
    member = MemberFactory(status=MembershipStatus.LAPSED, expires_on=TODAY - days(400))
    daily_run.run_daily(TODAY)
    assert kinds(member) == []


@pytest.mark.django_db
def test_card_subscribers_get_the_charge_notice_not_the_renewal_ask():
    member = active(30, payment_method=PaymentMethod.CARD_SUBSCRIPTION, stripe_subscription_id="sub_1")
    daily_run.run_daily(TODAY)
    assert kinds(member) == []
    daily_run.run_daily(TODAY + days(23))
    assert kinds(member) == [ReminderKind.CARD_CHARGE_NOTICE]
    daily_run.run_daily(TODAY + days(24))
    assert kinds(member) == [ReminderKind.CARD_CHARGE_NOTICE]


@pytest.mark.django_db
def test_pending_cancelled_and_erased_members_get_no_reminders():

    pending = MemberFactory(status=MembershipStatus.PENDING, expires_on=TODAY + days(20))
    cancelled = active(20, status=MembershipStatus.CANCELLED)
    erased = active(20, erased_at=timezone.now())
    daily_run.run_daily(TODAY)
    assert kinds(pending) == kinds(cancelled) == kinds(erased) == []


@pytest.mark.django_db
def test_reminder_emails_arrive_with_a_working_renewal_link(
    client,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    member = active(30, email="rosa@example.org", first_name="Rosa")
    card = active(7, email="card@example.org", payment_method=PaymentMethod.CARD_SUBSCRIPTION)
    spanish = active(7, email="lucia@example.org", language="es")
    with django_capture_on_commit_callbacks(execute=True):
        run = daily_run.run_daily(TODAY)
    assert run.tasks_enqueued == 1

    [message] = smtp_server.messages_to("rosa@example.org")
    body = text_body(message)
    assert "30 days" in message["Subject"]
    assert "Dear Rosa" in body
    assert member.number in body
    assert "15 July 2026" in body
    link = re.search(r"https?://\S+/members/renew/\S+/", body).group(0)
    page = client.get(link[link.index("/members/") :])
    assert page.status_code == 200
    assert member.number in page.content.decode()

    [notice] = smtp_server.messages_to("card@example.org")
    assert "/members/renew/" not in text_body(notice)
    assert card.plan.price_pounds in text_body(notice)

    [es_message] = smtp_server.messages_to("lucia@example.org")
    assert "/es/members/renew/" in text_body(es_message)
    assert spanish.number in text_body(es_message)
    assert "22 de junio de 2026" in text_body(es_message)


@pytest.mark.django_db
def test_a_reminder_the_mail_server_refused_is_tried_again_the_next_day(
    smtp_server,
    django_capture_on_commit_callbacks,
):
    member = active(30, email="bounce@example.org")
    smtp_server.fail_next(1)
    with django_capture_on_commit_callbacks(execute=True):
        daily_run.run_daily(TODAY)
    assert kinds(member) == []
    with django_capture_on_commit_callbacks(execute=True):
        daily_run.run_daily(TODAY + days(1))
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS]
    assert len(smtp_server.messages_to("bounce@example.org")) == 1


@pytest.mark.django_db
def test_renewal_link_is_signed(client):
    assert client.get("/members/renew/not-a-real-token/").status_code == 404


def make_population(count):
    """Members spread so that every transition and every reminder kind happens on TODAY."""
    grace_days = membership_settings().grace_days
    pattern = [
        {"status": MembershipStatus.ACTIVE, "expires_on": TODAY + days(30)},
        {"status": MembershipStatus.ACTIVE, "expires_on": TODAY + days(5)},
        {
            "status": MembershipStatus.ACTIVE,
            "expires_on": TODAY + days(6),
            "payment_method": PaymentMethod.CARD_SUBSCRIPTION,
        },
        {"status": MembershipStatus.ACTIVE, "expires_on": TODAY - days(1)},
        {"status": MembershipStatus.GRACE, "expires_on": TODAY - days(grace_days + 1)},
        {"status": MembershipStatus.ACTIVE, "expires_on": TODAY - days(grace_days + 3)},
        {"status": MembershipStatus.ACTIVE, "expires_on": TODAY + days(200)},
        {"status": MembershipStatus.PENDING, "expires_on": None},
    ]
    return [MemberFactory(**pattern[n % len(pattern)]) for n in range(count)]


# Settings lookups, four transition UPDATEs with their SELECT and INSERT, one SELECT of due
# members, one INSERT of reminders, one SELECT of the new ones, and the savepoint.
DAILY_QUERY_BUDGET = 20


def count_daily_queries(count, django_assert_max_num_queries):
    make_population(count)
    with django_assert_max_num_queries(DAILY_QUERY_BUDGET) as captured:
        run = daily_run.run_daily(TODAY)
    assert run.reminder_count > 0
    assert len(run.transitions) == 3
    return len(captured.captured_queries), run


@pytest.mark.django_db
def test_daily_run_query_count_does_not_grow_with_members(django_assert_max_num_queries):
    small, small_run = count_daily_queries(10, django_assert_max_num_queries)
    MemberEvent.objects.all().delete()
    Reminder.objects.all().delete()

    Member.objects.all().delete()
    large, large_run = count_daily_queries(200, django_assert_max_num_queries)
    assert large_run.reminder_count > small_run.reminder_count * 10
    assert large == small


@pytest.mark.django_db
def test_reminder_email_task_query_count_does_not_grow_with_the_chunk(
    django_assert_max_num_queries, mailoutbox
):

    for n in range(40):
        active(30 if n % 2 else 5)
    daily_run.run_daily(TODAY)
    ids = list(Reminder.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(8):
        emails.send_reminders_task.call(ids[:5])
    with django_assert_max_num_queries(8):
        emails.send_reminders_task.call(ids[5:])
    assert len(mailoutbox) == 40


@pytest.mark.django_db
def test_send_renewal_reminders_command_reports_what_it_sent(capsys):

    member = active(30)
    call_command("send_renewal_reminders", "--today", TODAY.isoformat())
    assert kinds(member) == [ReminderKind.RENEW_30_DAYS]
    assert "renew_30: 1" in capsys.readouterr().out
