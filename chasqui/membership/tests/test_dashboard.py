"""The membership panel on the admin home page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from chasqui.membership.choices import MembershipStatus
from chasqui.membership.secretary.dashboard import membership_figures
from chasqui.membership.tests.admin_helpers import logged_in, make_editor, make_secretary
from chasqui.membership.tests.factories import make_member, make_payment, make_plan

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def members(db):
    individual = make_plan(name="Individual", slug="individual", price_pence=2500, sort_order=1)
    concession = make_plan(name="Concession", slug="concession", price_pence=1000, sort_order=2)
    make_plan(name="Organisation", slug="organisation", price_pence=6000, sort_order=3)
    due = make_member(
        plan=individual, status=MembershipStatus.ACTIVE, expires_on=TODAY + datetime.timedelta(days=10)
    )
    make_member(
        plan=individual, status=MembershipStatus.ACTIVE, expires_on=TODAY + datetime.timedelta(days=30)
    )
    make_member(
        plan=individual, status=MembershipStatus.ACTIVE, expires_on=TODAY + datetime.timedelta(days=31)
    )
    make_member(
        plan=concession, status=MembershipStatus.CANCELLED, expires_on=TODAY + datetime.timedelta(days=5)
    )
    make_member(plan=concession, status=MembershipStatus.PENDING)
    make_payment(member=due, amount_pence=2500, paid_on=datetime.date(2026, 11, 2), idempotency_key="a")
    make_payment(member=due, amount_pence=1000, paid_on=datetime.date(2026, 11, 20), idempotency_key="b")
    make_payment(member=due, amount_pence=6000, paid_on=datetime.date(2025, 12, 1), idempotency_key="c")
    make_payment(
        member=due, amount_pence=9900, paid_on=datetime.date(2025, 11, 30), idempotency_key="too-old"
    )
    return due


def test_figures(members):
    figures = membership_figures(today=TODAY)
    statuses = {value: count for value, _label, count in figures["statuses"]}
    assert statuses == {"pending": 1, "active": 3, "grace": 0, "lapsed": 0, "cancelled": 1}
    assert figures["total_members"] == 5
    assert [(plan.name, count) for plan, count in figures["by_plan"]] == [
        ("Individual", 3),
        ("Concession", 2),
        ("Organisation", 0),
    ]
    assert figures["renewals_due"] == 2  # within 30 days, not cancelled
    assert figures["renewals_url"].endswith("?expiring=next_30_days")
    income = figures["income"]
    assert len(income) == 12
    assert income[0]["month"] == datetime.date(2025, 12, 1)
    assert income[0]["pence"] == 6000
    assert income[-1]["month"] == datetime.date(2026, 11, 1)
    assert income[-1]["pence"] == 3500
    assert sum(row["pence"] for row in income) == 9500
    assert figures["income_total"] == "£95"


def test_query_count_is_fixed(members, django_assert_num_queries):
    with django_assert_num_queries(4):
        membership_figures(today=TODAY)
    for index in range(20):
        make_member(number=f"X-{index}", status=MembershipStatus.ACTIVE, expires_on=TODAY)
    with django_assert_num_queries(4):
        membership_figures(today=TODAY)


def test_panel_on_the_admin_home_for_the_secretary(members, client):
    with time_machine.travel(datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC), tick=False):
        html = logged_in(client, make_secretary()).get(reverse("wagtailadmin_home")).content.decode()
    assert "Members by status" in html
    assert "2 renewals due in the next 30 days" in html
    assert reverse("member:index") + "?expiring=next_30_days" in html
    assert "November 2026" in html
    assert "£35" in html


def test_no_panel_for_an_editor(members, client):
    html = logged_in(client, make_editor()).get(reverse("wagtailadmin_home")).content.decode()
    assert "Members by status" not in html
    assert "renewals due" not in html


def test_renewals_link_lists_the_members_due(members, client):
    logged_in(client, make_secretary())
    with time_machine.travel(datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC), tick=False):
        response = client.get(reverse("member:index"), {"expiring": "next_30_days"})
    assert sorted(member.pk for member in response.context["object_list"]) == [members.pk, members.pk + 1]
