"""The members list (search, filters), the member page, editing with history, plans in pounds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chasqui.membership.choices import MembershipStatus, PaymentMethod
from chasqui.membership.history import log_event
from chasqui.membership.models import Member, MemberEvent, Plan
from chasqui.membership.secretary.filters import expiring_range
from chasqui.membership.tests.admin_helpers import logged_in, make_secretary
from chasqui.membership.tests.factories import (
    GiftAidDeclarationFactory,
    make_member,
    make_payment,
    make_plan,
)
from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber


@pytest.fixture
def secretary(db):
    return make_secretary()


@pytest.fixture
def secretary_client(client, secretary):
    return logged_in(client, secretary)


def listed_numbers(client, **params):
    response = client.get(reverse("member:index"), params)
    assert response.status_code == 200
    return sorted(member.number for member in response.context["object_list"])


@pytest.fixture
def members(db):
    today = timezone.localdate()
    concession = make_plan(name="Concession", slug="concession", price_pence=1000)
    month_start, month_end = expiring_range("this_month", today)
    return {
        "rosa": make_member(
            number="PSG-00001",
            first_name="Rosa",
            last_name="Huamán",
            email="rosa@example.org",
            postcode="SW1A 1AA",
            status=MembershipStatus.ACTIVE,
            expires_on=month_end,
        ),
        "jorge": make_member(
            number="PSG-00002",
            first_name="Jorge",
            last_name="Quispe",
            email="jorge@example.net",
            postcode="M1 1AE",
            plan=concession,
            payment_method=PaymentMethod.CHEQUE,
            status=MembershipStatus.ACTIVE,
            expires_on=today + datetime.timedelta(days=200),
        ),
        "ana": make_member(
            number="PSG-00003",
            first_name="Ana",
            last_name="Quispe",
            email="ana@example.org",
            postcode="EH1 1YZ",
            status=MembershipStatus.PENDING,
        ),
    }


def test_search_by_name_email_number_and_postcode(secretary_client, members):
    assert listed_numbers(secretary_client, q="quispe") == ["PSG-00002", "PSG-00003"]
    assert listed_numbers(secretary_client, q="Ana Quispe") == ["PSG-00003"]
    assert listed_numbers(secretary_client, q="example.net") == ["PSG-00002"]
    assert listed_numbers(secretary_client, q="00001") == ["PSG-00001"]
    assert listed_numbers(secretary_client, q="EH1") == ["PSG-00003"]


def test_filters(secretary_client, members):
    GiftAidDeclarationFactory(member=members["jorge"])
    GiftAidDeclarationFactory(member=members["ana"], cancelled_at=timezone.now())
    concession = Plan.objects.get(slug="concession")
    assert listed_numbers(secretary_client, status="pending") == ["PSG-00003"]
    assert listed_numbers(secretary_client, plan=concession.pk) == ["PSG-00002"]
    assert listed_numbers(secretary_client, payment_method="cheque") == ["PSG-00002"]
    assert listed_numbers(secretary_client, gift_aid="true") == ["PSG-00002"]
    assert listed_numbers(secretary_client, gift_aid="false") == ["PSG-00001", "PSG-00003"]
    assert listed_numbers(secretary_client, expiring="this_month") == ["PSG-00001"]
    assert listed_numbers(secretary_client, status="active", q="quispe") == ["PSG-00002"]


def test_list_shows_the_columns_and_a_record_payment_button(secretary_client, members):
    html = secretary_client.get(reverse("member:index")).content.decode()
    rosa = members["rosa"]
    assert "Rosa Huamán" in html
    assert "Individual" in html
    assert "Standing order or bank transfer" in html
    assert reverse("member:record_payment", args=[rosa.pk]) in html
    assert reverse("member:inspect", args=[rosa.pk]) in html


def test_member_page_shows_details_payments_gift_aid_and_history(secretary_client, secretary, members):
    rosa = members["rosa"]
    make_payment(member=rosa, amount_pence=2500, reference="SO ROSA", paid_on=datetime.date(2026, 1, 5))
    GiftAidDeclarationFactory(member=rosa, wording_version="hmrc-multiple-2015-10")
    log_event(rosa, "edit", actor=secretary, changes={"town": ["Leeds", "London"]})
    log_event(rosa, "payment", actor_label="stripe", note="£25 by Card")
    response = secretary_client.get(reverse("member:inspect", args=[rosa.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "PSG-00001",
        "rosa@example.org",
        "SW1A 1AA",
        "SO ROSA",
        "£25",
        "5 Jan 2026",
        "hmrc-multiple-2015-10",
    ]:
        assert text in html, text
    assert "Sofía" in html  # who made the edit
    assert "stripe" in html
    assert "“Leeds” → “London”" in html


def test_member_page_query_count_does_not_grow_with_history(
    secretary_client, members, django_assert_max_num_queries
):
    rosa = members["rosa"]
    url = reverse("member:inspect", args=[rosa.pk])
    make_payment(member=rosa, idempotency_key="first")
    log_event(rosa, "note", note="first event")
    secretary_client.get(url)  # the first view fills the per-process caches (site, settings, permissions)
    with CaptureQueriesContext(connection) as short_history:
        assert secretary_client.get(url).status_code == 200
    for index in range(30):
        make_payment(member=rosa, idempotency_key=f"k{index}")
        log_event(rosa, "note", note=f"event {index}")
    # Besides reading the member, each view writes its audit entry (chasqui.member.view).
    with django_assert_max_num_queries(len(short_history)):
        assert secretary_client.get(url).status_code == 200
    assert len(short_history) <= 22


def edit_data(member, **changes):
    data = {
        "title": member.title,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "email": member.email,
        "language": member.language,
        "address_line_1": member.address_line_1,
        "address_line_2": member.address_line_2,
        "town": member.town,
        "county": member.county,
        "postcode": member.postcode,
        "country": member.country,
        "plan": member.plan_id,
        "next_plan": member.next_plan_id or "",
        "payment_method": member.payment_method,
        "status": member.status,
        "joined_on": member.joined_on.isoformat(),
        "expires_on": member.expires_on.isoformat() if member.expires_on else "",
        "notes": member.notes,
    }
    if member.bulletin_consent:
        data["bulletin_consent"] = "on"
    data.update(changes)
    return data


def test_editing_a_member_logs_who_changed_what(secretary_client, secretary, members):
    jorge = members["jorge"]
    concession = jorge.plan
    response = secretary_client.post(
        reverse("member:edit", args=[jorge.pk]),
        edit_data(jorge, town="Manchester", postcode="m11ae", plan=Plan.objects.get(slug="individual").pk),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response["Location"] == reverse("member:inspect", args=[jorge.pk])
    jorge.refresh_from_db()
    assert jorge.postcode == "M1 1AE"
    event = MemberEvent.objects.get(member=jorge, action="edit")
    assert event.actor == secretary
    assert event.changes == {
        "town": ["London", "Manchester"],
        "plan": [str(concession), "Individual"],
    }


def test_saving_without_changes_logs_nothing(secretary_client, members):
    rosa = members["rosa"]
    response = secretary_client.post(reverse("member:edit", args=[rosa.pk]), edit_data(rosa))
    assert response.status_code == 302
    assert not MemberEvent.objects.filter(member=rosa).exists()


def test_edit_rejects_a_bad_uk_postcode_and_keeps_the_input(secretary_client, members):
    rosa = members["rosa"]
    response = secretary_client.post(
        reverse("member:edit", args=[rosa.pk]), edit_data(rosa, postcode="NOT IT")
    )
    assert response.status_code == 200
    assert "postcode" in response.context["form"].errors
    assert 'value="NOT IT"' in response.content.decode()
    rosa.refresh_from_db()
    assert rosa.postcode == "SW1A 1AA"


def test_adding_a_member_gives_the_next_number(secretary_client, secretary, members):
    plan = Plan.objects.get(slug="individual")
    data = edit_data(
        Member(plan=plan, joined_on=timezone.localdate(), payment_method="cheque", status="pending")
    )
    data.update(first_name="Lucía", last_name="Mamani", email="lucia@example.org", country="GB")
    response = secretary_client.post(reverse("member:add"), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    lucia = Member.objects.get(email="lucia@example.org")
    assert lucia.number.endswith("00001")
    assert MemberEvent.objects.get(member=lucia).actor == secretary


def test_plan_price_is_typed_in_pounds_and_stored_in_pence(secretary_client, members):
    response = secretary_client.post(
        reverse("plan:add"),
        {"name": "Organisation", "slug": "organisation", "price_pounds": "60.50", "sort_order": "3"},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    plan = Plan.objects.get(slug="organisation")
    assert plan.price_pence == 6050
    edit = secretary_client.get(reverse("plan:edit", args=[plan.pk])).content.decode()
    assert 'value="60.50"' in edit
    listing = secretary_client.get(reverse("plan:index")).content.decode()
    assert "£60.50" in listing


def test_ticking_and_unticking_the_bulletin_box_updates_the_list(secretary_client, members):

    rosa = members["rosa"]
    url = reverse("member:edit", args=[rosa.pk])
    assert secretary_client.post(url, edit_data(rosa, bulletin_consent="on")).status_code == 302
    subscriber = Subscriber.objects.get(email="rosa@example.org")
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    rosa.refresh_from_db()
    assert rosa.bulletin_consent is True

    assert secretary_client.post(url, edit_data(rosa, bulletin_consent="")).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.consent_events.order_by("-pk").first().cause == ConsentCause.ADMIN


def test_member_page_says_whether_the_address_receives_bulletins(secretary_client, db):
    member = make_member(number="B-1", email="consent@example.org", bulletin_consent=True)
    url = reverse("member:inspect", args=[member.pk])
    html = " ".join(secretary_client.get(url).content.decode().split())
    assert "Receives the bulletin by email</dt><dd>no</dd>" in html
    assert "Consented to the bulletin</dt><dd>yes</dd>" in html
    subscriber_services.subscribe_member("consent@example.org")
    html = " ".join(secretary_client.get(url).content.decode().split())
    assert "Receives the bulletin by email</dt><dd>yes</dd>" in html
