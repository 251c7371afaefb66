"""After erasure no table of membership, the mailing list or the newsletter holds the member's
email, name, postcode or Stripe customer id; before it, the data download shows all of them."""

import datetime
import json

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from chasqui.membership.account import data_export, signin
from chasqui.membership.account.erasure import erase_member
from chasqui.membership.billing.services import offline_payment_key, record_payment
from chasqui.membership.choices import PaymentMethod, PaymentSource
from chasqui.membership.models import StripeEvent, model_options
from chasqui.membership.tests.factories import make_member
from chasqui.subscribers import services as subscriber_services

pytestmark = pytest.mark.django_db

EMAIL = "valeria.mamani@example.org"
FIRST, LAST = "Valeria", "Mamaniñez"
POSTCODE = "BS1 4DJ"
CUSTOMER = "cus_VALERIA77"
APPS = ["membership", "subscribers", "newsletter"]
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@pytest.fixture
def member(site_tree):
    member = make_member(
        active=True,
        email=EMAIL,
        first_name=FIRST,
        last_name=LAST,
        postcode=POSTCODE,
        address_line_1="14 Cedar Close",
    )
    member.stripe_customer_id = CUSTOMER
    member.save()
    reference = f"V MAMANINEZ {POSTCODE.replace(' ', '')} 14 Cedar Close"
    paid_on = datetime.date(2026, 1, 10)
    record_payment(
        member,
        amount_pence=2500,
        paid_on=paid_on,
        method=PaymentMethod.STANDING_ORDER,
        source=PaymentSource.OFFLINE,
        reference=reference,
        idempotency_key=offline_payment_key(member, paid_on, 2500, reference),
        send_receipt=False,
    )
    StripeEvent.objects.create(
        event_id="evt_invoice", type="invoice.paid", payload={"data": {"object": {"customer": CUSTOMER}}}
    )
    subscriber_services.subscribe_member(EMAIL, f"{FIRST} {LAST}")
    subscriber = apps.get_model("subscribers", "Subscriber").objects.get(email=EMAIL)
    bulletin = apps.get_model("newsletter", "Bulletin").objects.create(
        number=7, language="en", subject="Update"
    )
    apps.get_model("newsletter", "Delivery").objects.create(
        bulletin=bulletin, subscriber=subscriber, email=EMAIL, status="failed", last_error=f"550 {EMAIL} full"
    )
    sign_in_code, _code = signin.issue_code(member)
    signin.check_member_code(member, "000000" if _code != "000000" else "111111")
    return member


def rows_mentioning(value):
    """(model, pk, field) of every text column, in every model of the three apps, holding `value`."""
    found = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model_options(model).concrete_fields:
                if not isinstance(field, TEXT_FIELDS):
                    continue
                rows = model.objects.annotate(as_text=Cast(field.name, models.TextField()))
                for pk in rows.filter(as_text__icontains=value).values_list("pk", flat=True):
                    found.append((model.__name__, pk, field.name))
    return found


def test_erasure_leaves_no_email_name_postcode_or_customer_id_in_any_table(member):
    personal = [EMAIL, FIRST, LAST, "Mamaninez", POSTCODE, POSTCODE.replace(" ", ""), CUSTOMER, "Cedar Close"]
    assert rows_mentioning(EMAIL)
    assert rows_mentioning(CUSTOMER)

    erase_member(member)

    for value in personal:
        assert rows_mentioning(value) == [], value
    payment = member.payments.get()
    assert (payment.amount_pence, payment.paid_on) == (2500, datetime.date(2026, 1, 10))
    delivery = apps.get_model("newsletter", "Delivery").objects.get()
    assert delivery.status == "failed"


def test_data_download_has_deliveries_stripe_events_and_sign_ins(member):
    data = json.loads(data_export.member_data_json(member))
    [delivery] = data["bulletin_deliveries"]
    assert delivery["email"] == EMAIL
    assert delivery["status"] == "failed"
    [event] = data["stripe_events"]
    assert event["id"] == "evt_invoice"
    assert event["payload"]["data"]["object"]["customer"] == CUSTOMER
    [sign_in] = data["sign_in_codes"]
    assert sign_in["wrong_attempts"] == 1
    assert "code_hash" not in sign_in
