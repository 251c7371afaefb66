"""Every membership transition: payments, the calendar, cancelling, plan changes."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from chasqui.membership.billing.services import record_payment
from chasqui.membership.choices import MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.lifecycle import daily_run
from chasqui.membership.lifecycle.services import cancel
from chasqui.membership.member_calendar import MEMBERSHIP_PERIOD, status_change_on
from chasqui.membership.models import MemberEvent, Payment
from chasqui.membership.organisation import membership_settings
from chasqui.membership.tasks import run_membership_daily_task

from .factories import MemberFactory, PlanFactory

TODAY = datetime.date(2026, 6, 15)
days = datetime.timedelta


def pay(member, today=TODAY, key="p1", amount=2500):
    return record_payment(
        member,
        amount_pence=amount,
        paid_on=today,
        method=PaymentMethod.STANDING_ORDER,
        source=PaymentSource.OFFLINE,
        idempotency_key=key,
        today=today,
        send_receipt=False,
    )


def status_after_daily_run(member, today):
    daily_run.run_daily(today, reminders=False)
    member.refresh_from_db()
    return member.status


@pytest.mark.django_db
def test_first_payment_activates_pending_member_for_a_year():
    member = MemberFactory()
    payment, created = pay(member)
    member.refresh_from_db()
    assert created
    assert member.status == MembershipStatus.ACTIVE
    assert member.expires_on == datetime.date(2027, 6, 15)
    assert (payment.period_start, payment.period_end) == (TODAY, datetime.date(2027, 6, 15))
    assert MemberEvent.objects.filter(member=member, action="status").get().changes == {
        "status": ["pending", "active"]
    }


@pytest.mark.django_db
def test_the_same_payment_told_twice_is_recorded_once():
    member = MemberFactory()
    pay(member, key="same")
    _, created = pay(member, key="same")
    member.refresh_from_db()
    assert not created
    assert Payment.objects.count() == 1
    assert member.expires_on == datetime.date(2027, 6, 15)


@pytest.mark.django_db
def test_payment_before_expiry_extends_from_the_expiry_date():
    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY + days(20))
    pay(member)
    member.refresh_from_db()
    assert member.expires_on == TODAY + days(20) + MEMBERSHIP_PERIOD


@pytest.mark.django_db
def test_payment_during_grace_reactivates_from_today():
    member = MemberFactory(status=MembershipStatus.GRACE, expires_on=TODAY - days(10))
    pay(member)
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert member.expires_on == datetime.date(2027, 6, 15)


@pytest.mark.django_db
def test_payment_after_lapsing_reactivates_from_today():
    member = MemberFactory(status=MembershipStatus.LAPSED, expires_on=TODAY - days(100))
    pay(member)
    member.refresh_from_db()
    assert (member.status, member.expires_on) == (MembershipStatus.ACTIVE, datetime.date(2027, 6, 15))


@pytest.mark.django_db
def test_active_member_enters_grace_the_day_after_expiry():
    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY)
    assert status_after_daily_run(member, TODAY) == MembershipStatus.ACTIVE
    assert status_after_daily_run(member, TODAY + days(1)) == MembershipStatus.GRACE
    event = MemberEvent.objects.get(member=member, action="status")
    assert event.changes == {"status": ["active", "grace"]}
    assert event.actor_label == "system"


@pytest.mark.django_db
def test_grace_member_lapses_after_the_grace_period():
    member = MemberFactory(status=MembershipStatus.GRACE, expires_on=TODAY)
    grace_days = membership_settings().grace_days
    assert status_after_daily_run(member, TODAY + days(grace_days)) == MembershipStatus.GRACE
    assert status_after_daily_run(member, TODAY + days(grace_days + 1)) == MembershipStatus.LAPSED


@pytest.mark.django_db
def test_grace_period_length_comes_from_the_settings():
    settings = membership_settings()
    settings.grace_days = 5
    settings.save()
    member = MemberFactory(status=MembershipStatus.GRACE, expires_on=TODAY)
    assert status_after_daily_run(member, TODAY + days(6)) == MembershipStatus.LAPSED


@pytest.mark.django_db
def test_long_expired_active_member_goes_straight_to_lapsed():
    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY - days(200))
    assert status_after_daily_run(member, TODAY) == MembershipStatus.LAPSED
    assert MemberEvent.objects.get(member=member).changes == {"status": ["active", "lapsed"]}


@pytest.mark.django_db
def test_pending_and_cancelled_members_are_left_alone_by_the_calendar():
    pending = MemberFactory(status=MembershipStatus.PENDING, expires_on=None)
    cancelled = MemberFactory(status=MembershipStatus.CANCELLED, expires_on=TODAY - days(100))
    assert status_after_daily_run(pending, TODAY) == MembershipStatus.PENDING
    assert status_after_daily_run(cancelled, TODAY) == MembershipStatus.CANCELLED


@pytest.mark.django_db
def test_set_based_run_agrees_with_the_per_member_rule():
    grace_days = membership_settings().grace_days
    members = [
        MemberFactory(status=status, expires_on=TODAY + days(offset))
        for status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
        for offset in (-100, -grace_days - 1, -grace_days, -1, 0, 10)
    ]
    expected = {m.pk: status_change_on(m, TODAY, grace_days) or m.status for m in members}
    daily_run.run_daily(TODAY, reminders=False)
    for member in members:
        member.refresh_from_db()
        assert member.status == expected[member.pk], (member.expires_on, member.status)


@pytest.mark.django_db
def test_cancel_is_logged_and_the_calendar_does_not_revive_it():
    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY + days(100))
    cancel(member, actor_label="member", note="moving abroad")
    member.refresh_from_db()
    assert member.status == MembershipStatus.CANCELLED
    assert MemberEvent.objects.get(member=member).note == "moving abroad"
    assert status_after_daily_run(member, TODAY) == MembershipStatus.CANCELLED


@pytest.mark.django_db
def test_plan_change_applies_at_the_next_renewal():
    individual = PlanFactory(name="Individual", slug="individual", price_pence=2500)
    concession = PlanFactory(name="Concession", slug="concession", price_pence=1000)
    member = MemberFactory(plan=individual, status=MembershipStatus.ACTIVE, expires_on=TODAY + days(30))
    member.next_plan = concession
    member.save()

    payment, _ = pay(member, amount=1000)
    member.refresh_from_db()
    assert member.plan == concession
    assert member.next_plan is None
    assert payment.plan == concession


@pytest.mark.django_db
def test_daily_command_uses_today_by_default():
    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=datetime.date(2026, 3, 1))
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        call_command("run_membership_daily")
    member.refresh_from_db()
    assert member.status == MembershipStatus.GRACE


@pytest.mark.django_db
def test_dry_run_changes_nothing(capsys):

    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY - days(1))
    call_command("run_membership_daily", "--today", TODAY.isoformat(), "--dry-run")
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert not MemberEvent.objects.exists()
    assert "Would have" in capsys.readouterr().out


@pytest.mark.django_db
def test_daily_task_runs_the_same_work_as_the_command():

    member = MemberFactory(status=MembershipStatus.ACTIVE, expires_on=TODAY - days(1))
    result = run_membership_daily_task.enqueue(TODAY.isoformat())
    member.refresh_from_db()
    assert member.status == MembershipStatus.GRACE
    assert result.return_value["transitions"] == {"active→grace": 1}
