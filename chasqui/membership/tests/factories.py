"""Builders for membership tests: plans, members in any state, payments."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from chasqui.membership.choices import MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.models import GiftAidDeclaration, Member, Payment, Plan


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    description = "Supports the charity's monitoring work."
    audience = "Anyone"
    price_pence = 2500
    is_active = True


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    number = factory.Sequence(lambda n: f"T-{n + 1:05d}")
    title = "Ms"
    first_name = factory.Sequence(lambda n: f"Ana{n}")
    last_name = "Quispe"
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    address_line_1 = "12 Acacia Avenue"
    town = "London"
    postcode = "N1 9GU"
    country = "GB"
    language = "en"
    plan = factory.SubFactory(PlanFactory, name="Individual", slug="individual", price_pence=2500)
    payment_method = PaymentMethod.STANDING_ORDER
    status = MembershipStatus.PENDING
    joined_on = factory.LazyFunction(datetime.date.today)
    expires_on = None

    class Params:
        active = factory.Trait(
            status=MembershipStatus.ACTIVE,
            expires_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200)),
        )


class PaymentFactory(DjangoModelFactory):
    class Meta:
        model = Payment

    member = factory.SubFactory(MemberFactory, active=True)
    amount_pence = factory.LazyAttribute(lambda payment: payment.member.plan.price_pence)
    paid_on = factory.LazyFunction(datetime.date.today)
    method = PaymentMethod.STANDING_ORDER
    source = PaymentSource.OFFLINE
    plan = factory.LazyAttribute(lambda payment: payment.member.plan)
    idempotency_key = factory.Sequence(lambda n: f"test-payment-{n}")


class GiftAidDeclarationFactory(DjangoModelFactory):
    class Meta:
        model = GiftAidDeclaration

    member = factory.SubFactory(MemberFactory)
    wording_version = "test"
    wording = "I am a UK taxpayer."
    first_name = factory.LazyAttribute(lambda declaration: declaration.member.first_name)
    last_name = factory.LazyAttribute(lambda declaration: declaration.member.last_name)
    address = factory.LazyAttribute(lambda declaration: declaration.member.address_line_1)
    postcode = factory.LazyAttribute(lambda declaration: declaration.member.postcode)
    source = "join_form"


def make_plan(**fields):
    return PlanFactory(**fields)


def make_member(**fields):
    return MemberFactory(**fields)


def make_payment(**fields):
    return PaymentFactory(**fields)
