"""The daily run forgets sign-in codes that are used or expired, once they no longer count
towards the day's limit of wrong guesses."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from chasqui.membership.account import signin
from chasqui.membership.lifecycle import daily_run
from chasqui.membership.models import SignInCode

from .factories import MemberFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_daily_run_deletes_finished_sign_in_codes_older_than_a_day():
    member = MemberFactory(plan=PlanFactory())
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    used, _code = signin.issue_code(member, now=two_days_ago)
    SignInCode.objects.filter(pk=used.pk).update(used_at=two_days_ago)
    expired, _code = signin.issue_code(member, now=two_days_ago + datetime.timedelta(hours=1))
    recent_expired, _code = signin.issue_code(member, now=timezone.now() - datetime.timedelta(hours=2))
    live, _code = signin.issue_code(member)

    result = daily_run.run_daily()

    assert result.sign_in_codes_deleted == 2
    assert set(SignInCode.objects.values_list("pk", flat=True)) == {recent_expired.pk, live.pk}


def test_dry_run_deletes_no_codes_and_the_command_reports_them(capsys):
    member = MemberFactory(plan=PlanFactory())
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        signin.issue_code(member)
    call_command("run_membership_daily", "--dry-run")
    assert SignInCode.objects.count() == 1
    assert "old sign-in codes deleted: 1" in capsys.readouterr().out
    call_command("run_membership_daily")
    assert SignInCode.objects.count() == 0
