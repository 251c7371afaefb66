"""Joining from the public form: validation, spam defences, the new pending member and their email."""

import re
from urllib.parse import parse_qs

import pytest
import responses
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from chasqui.core.testing.smtp import (
    text_body,
)
from chasqui.membership.addresses import normalise_uk_postcode
from chasqui.membership.billing.services import record_payment
from chasqui.membership.choices import DeclarationSource, MembershipStatus, PaymentMethod
from chasqui.membership.gift_aid import wording as gift_aid
from chasqui.membership.join.services import join
from chasqui.membership.join.views import JOIN_ATTEMPT_NOTICES_PER_DAY
from chasqui.membership.models import GiftAidDeclaration, Member, MemberEvent
from chasqui.membership.organisation import membership_settings, organisation_name, site_settings
from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.models import Subscriber

from .factories import MemberFactory, PlanFactory

JOIN_URL = "/members/join/"


@pytest.fixture
def plan(db):
    return PlanFactory(name="Individual", slug="individual", price_pence=2500)


@pytest.fixture
def bank_details(db):
    settings = membership_settings()
    settings.number_prefix = "PSG-"
    settings.bank_account_name = "Friends of Peru"
    settings.bank_sort_code = "11-22-33"
    settings.bank_account_number = "44556677"
    settings.save()
    return settings


def form_data(plan, **overrides):
    data = {
        "title": "Ms",
        "first_name": "Ana",
        "last_name": "Quispe",
        "email": "ana@example.org",
        "address_line_1": "12 Acacia Avenue",
        "town": "London",
        "postcode": "n1 9gu",
        "country": "GB",
        "plan": plan.pk,
        "payment_method": PaymentMethod.STANDING_ORDER,
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("sw1a1aa", "SW1A 1AA"), (" SW1A 1AA ", "SW1A 1AA"), ("m11ae", "M1 1AE"), ("ec1a 1bb", "EC1A 1BB")],
)
def test_uk_postcodes_are_normalised(typed, expected):
    assert normalise_uk_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "12345", "SW1A", "QQ1 1AA", "SW1A 1AAA", "not a postcode"])
def test_impossible_uk_postcodes_are_rejected(typed):
    assert normalise_uk_postcode(typed) is None


@pytest.mark.django_db
def test_join_page_lists_active_plans_and_the_gift_aid_wording_exactly(client, plan):
    PlanFactory(name="Retired plan", slug="retired", is_active=False)
    response = client.get(JOIN_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Individual" in page
    assert "£25" in page
    assert "Retired plan" not in page
    first_paragraph = gift_aid.DECLARATION_STATEMENT.format(charity=organisation_name())
    assert first_paragraph.replace("'", "&#x27;") in page
    soup = BeautifulSoup(page, "html.parser")
    consent = soup.find("input", attrs={"name": "bulletin_consent"})
    assert consent["type"] == "checkbox"
    assert not consent.has_attr("checked")
    assert "gift-aid-wording" in soup.find(id="id_gift_aid")["aria-describedby"]


@pytest.mark.django_db
def test_card_methods_are_hidden_without_stripe_keys(client, plan, settings):
    settings.STRIPE_SECRET_KEY = ""
    page = client.get(JOIN_URL).content.decode()
    assert 'value="standing_order"' in page
    assert 'value="card"' not in page
    assert 'value="card_subscription"' not in page
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    page = client.get(JOIN_URL).content.decode()
    assert 'value="card"' in page
    assert 'value="card_subscription"' in page


@pytest.mark.django_db
def test_offline_join_creates_pending_member_and_sends_welcome_with_bank_details(
    client,
    plan,
    bank_details,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, form_data(plan, bulletin_consent="on"))

    member = Member.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:join_sent")
    assert member.status == MembershipStatus.PENDING
    assert member.number == "PSG-00001"
    assert member.postcode == "N1 9GU"
    assert member.bulletin_consent is True
    assert MemberEvent.objects.filter(member=member, action="joined").exists()
    assert Subscriber.objects.get(email="ana@example.org").status == SubscriberStatus.SUBSCRIBED

    [message] = smtp_server.messages_to("ana@example.org")
    body = text_body(message)
    assert "PSG-00001" in message["Subject"]
    assert "11-22-33" in body
    assert "44556677" in body
    assert "Reference: PSG-00001" in body

    done = client.get(response["Location"]).content.decode()
    assert "Thank you, Ana" in done
    assert "Check your email" in done
    assert "11-22-33" in done
    assert "PSG-00001" not in done  # the number goes only to the address, which may not be theirs


@pytest.mark.django_db
def test_bulletin_is_not_subscribed_without_consent(client, plan):
    client.post(JOIN_URL, form_data(plan))
    assert Member.objects.get().bulletin_consent is False
    assert not Subscriber.objects.filter(email="ana@example.org").exists()


@pytest.mark.django_db
def test_membership_numbers_are_sequential_and_never_reused(plan, bank_details):
    first = join(first_name="A", last_name="B", email="a@example.org", plan=plan, payment_method="cheque")
    first.delete()
    second = join(first_name="C", last_name="D", email="c@example.org", plan=plan, payment_method="cheque")
    assert (first.number, second.number) == ("PSG-00001", "PSG-00002")


@pytest.mark.django_db
def test_invalid_postcode_is_reported_next_to_the_field_and_input_is_kept(client, plan):
    response = client.post(JOIN_URL, form_data(plan, postcode="XYZ 123", first_name="Mariela"))
    page = response.content.decode()
    assert response.status_code == 400
    assert not Member.objects.exists()
    assert "Enter a UK postcode like SW1A 1AA." in page
    assert 'value="Mariela"' in page
    assert 'aria-describedby="id_postcode_error' in page or 'id="id_postcode_error"' in page


@pytest.mark.django_db
def test_overseas_member_needs_no_postcode(client, plan):
    response = client.post(JOIN_URL, form_data(plan, postcode="", country="PE", town="Cusco"))
    assert response.status_code == 302
    assert Member.objects.get().country == "PE"


@pytest.mark.django_db
def test_gift_aid_needs_a_uk_home_address(client, plan):
    response = client.post(JOIN_URL, form_data(plan, country="PE", postcode="", gift_aid="on"))
    assert response.status_code == 400
    assert "Gift Aid needs a UK home address" in response.content.decode()
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_gift_aid_declaration_stores_exact_wording_and_version(client, plan):
    client.post(JOIN_URL, form_data(plan, gift_aid="on"))
    declaration = GiftAidDeclaration.objects.get()
    assert declaration.wording_version == gift_aid.WORDING_VERSION
    assert declaration.wording == gift_aid.declaration_wording(organisation_name())
    assert declaration.postcode == "N1 9GU"
    assert declaration.address == "12 Acacia Avenue, London"
    assert declaration.source == DeclarationSource.JOIN_FORM
    assert declaration.cancelled_at is None


@pytest.mark.django_db
def test_honeypot_creates_nothing(client, plan):
    response = client.post(JOIN_URL, form_data(plan, website="http://spam.example"))
    assert response.status_code == 400
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_rate_limit_stops_bulk_joins_from_one_address(client, plan):
    for n in range(5):
        assert client.post(JOIN_URL, form_data(plan, email=f"person{n}@example.org")).status_code == 302
    response = client.post(JOIN_URL, form_data(plan, email="person6@example.org"))
    assert response.status_code == 429
    assert Member.objects.count() == 5
    other = client.post(JOIN_URL, form_data(plan, email="other@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_duplicate_email_gets_the_same_answer_and_the_member_an_email(
    client, plan, bank_details, mailoutbox, django_capture_on_commit_callbacks
):
    MemberFactory(email="ana@example.org", plan=plan, first_name="Ana")
    newcomer = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, form_data(plan, email="ANA@example.org"))
        fresh = newcomer.post(JOIN_URL, form_data(plan, email="someone.new@example.org"))
    assert Member.objects.count() == 2
    assert (response.status_code, response["Location"]) == (fresh.status_code, fresh["Location"])
    # Each response has a CSP nonce of its own, whoever asks.
    page = re.sub(r'nonce="[^"]+"', "", client.get(response["Location"]).content.decode())
    fresh_page = re.sub(r'nonce="[^"]+"', "", newcomer.get(fresh["Location"]).content.decode())
    assert page.replace("ANA@example.org", "EMAIL") == fresh_page.replace("someone.new@example.org", "EMAIL")
    assert "already a membership" not in page

    [notice] = [message for message in mailoutbox if message.to == ["ana@example.org"]]
    assert "tried to join" in notice.subject
    assert "/members/sign-in/" in notice.body


@pytest.mark.django_db
def test_join_attempt_notices_to_one_member_are_capped(client, plan, mailoutbox):
    MemberFactory(email="ana@example.org", plan=plan)
    for n in range(6):
        client.post(JOIN_URL, form_data(plan, email="ana@example.org"), REMOTE_ADDR=f"10.0.1.{n}")
    assert len([m for m in mailoutbox if "tried to join" in m.subject]) == JOIN_ATTEMPT_NOTICES_PER_DAY


@pytest.mark.django_db
def test_join_writes_nothing_when_any_part_fails(plan, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("subscriber store down")

    monkeypatch.setattr("chasqui.subscribers.services.subscribe_member", broken)
    with pytest.raises(RuntimeError):
        join(
            first_name="A",
            last_name="B",
            email="a@example.org",
            plan=plan,
            payment_method="cheque",
            bulletin_consent=True,
            gift_aid=True,
            postcode="N1 9GU",
        )
    assert not Member.objects.exists()
    assert not GiftAidDeclaration.objects.exists()
    assert not MemberEvent.objects.exists()


@pytest.mark.django_db
def test_join_done_link_is_signed(client):
    assert client.get("/members/join/done/forged-token/").status_code == 404


@responses.activate
@pytest.mark.django_db
def test_card_join_redirects_to_stripe_checkout(client, plan, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    responses.post(
        "https://api.stripe.com/v1/checkout/sessions",
        json={
            "id": "cs_test_1",
            "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_1",
        },
    )
    response = client.post(JOIN_URL, form_data(plan, payment_method=PaymentMethod.CARD))

    member = Member.objects.get()
    assert response.status_code == 303
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_1"
    assert member.status == MembershipStatus.PENDING  # only the webhook activates
    [call] = responses.calls
    sent = parse_qs(call.request.body)
    assert sent["mode"] == ["payment"]
    assert sent["client_reference_id"] == [str(member.pk)]
    assert sent["line_items[0][price_data][unit_amount]"] == ["2500"]
    assert sent["line_items[0][price_data][currency]"] == ["gbp"]
    assert sent["metadata[member_number]"] == [member.number]
    assert "/members/join/done/" in sent["success_url"][0]
    assert "/members/renew/" in sent["cancel_url"][0]
    assert call.request.headers["Authorization"] == "Bearer sk_test_123"


@responses.activate
@pytest.mark.django_db
def test_card_subscription_join_asks_stripe_for_a_yearly_subscription(client, plan, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    responses.post(
        "https://api.stripe.com/v1/checkout/sessions",
        json={
            "id": "cs_test_2",
            "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_2",
        },
    )
    response = client.post(JOIN_URL, form_data(plan, payment_method=PaymentMethod.CARD_SUBSCRIPTION))
    assert response.status_code == 303
    sent = parse_qs(responses.calls[0].request.body)
    assert sent["mode"] == ["subscription"]
    assert sent["line_items[0][price_data][recurring][interval]"] == ["year"]
    assert sent["subscription_data[metadata][member_id]"] == [str(Member.objects.get().pk)]


@responses.activate
@pytest.mark.django_db
def test_stripe_outage_keeps_the_member_and_explains(client, plan, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    responses.post(
        "https://api.stripe.com/v1/checkout/sessions",
        status=500,
        json={"error": {"type": "api_error", "message": "down"}},
    )
    response = client.post(JOIN_URL, form_data(plan, payment_method=PaymentMethod.CARD), follow=True)
    assert Member.objects.count() == 1
    assert "could not open the card payment page" in response.content.decode()
    assert not mail.outbox or all("Receipt" not in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_receipt_for_a_gift_aided_payment_says_so_and_names_the_charity(
    client,
    plan,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    site = site_settings()
    site.organisation_name = "Friends of Peru"
    site.charity_number = "1234567"
    site.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN_URL, form_data(plan, gift_aid="on"))
    member = Member.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        record_payment(
            member,
            amount_pence=2500,
            paid_on=member.joined_on,
            method=PaymentMethod.STANDING_ORDER,
            source="offline",
            idempotency_key="so-1",
        )
    welcome, receipt = smtp_server.messages_to("ana@example.org")
    body = text_body(receipt)
    assert "Friends of Peru" in welcome["Subject"]
    assert "£25" in receipt["Subject"]
    assert "Gift Aid" in body
    assert "1234567" in body
    assert "Membership covered:" in body
