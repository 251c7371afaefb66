"""Fixtures shared by the membership tests."""

import datetime

import pytest
from django.utils import timezone

from chasqui.membership.tests.admin_helpers import logged_in, make_secretary
from chasqui.membership.tests.factories import GiftAidDeclarationFactory, make_member, make_payment


def aware(year, month, day):
    return datetime.datetime(year, month, day, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def secretary_client(client, db):
    return logged_in(client, make_secretary())


@pytest.fixture
def claim_members(db):
    """Payments in and around January 2026, with and without declarations covering them."""
    covered = make_member(
        number="G-1",
        title="Mrs.",
        first_name="Rosa",
        last_name="Huamán-Quispe",
        address_line_1="12 Acacia Avenue",
        postcode="sw1a 1aa",
    )
    GiftAidDeclarationFactory(member=covered, declared_at=aware(2025, 3, 1))
    make_payment(
        member=covered, amount_pence=2500, paid_on=datetime.date(2026, 1, 5), idempotency_key="covered"
    )
    make_payment(
        member=covered, amount_pence=1250, paid_on=datetime.date(2026, 1, 31), idempotency_key="covered-2"
    )
    make_payment(
        member=covered, amount_pence=2500, paid_on=datetime.date(2026, 2, 1), idempotency_key="outside"
    )
    make_payment(
        member=covered, amount_pence=2500, paid_on=datetime.date(2025, 12, 31), idempotency_key="before"
    )

    no_declaration = make_member(number="G-2", first_name="Jorge")
    make_payment(member=no_declaration, paid_on=datetime.date(2026, 1, 10), idempotency_key="none")

    cancelled = make_member(number="G-3", first_name="Ana")
    GiftAidDeclarationFactory(member=cancelled, declared_at=aware(2024, 1, 1), cancelled_at=aware(2026, 1, 9))
    make_payment(
        member=cancelled, amount_pence=1000, paid_on=datetime.date(2026, 1, 8), idempotency_key="c-ok"
    )
    make_payment(
        member=cancelled, amount_pence=1000, paid_on=datetime.date(2026, 1, 20), idempotency_key="c-late"
    )

    erased = make_member(number="G-4", first_name="Erased", erased_at=timezone.now())
    GiftAidDeclarationFactory(member=erased, declared_at=aware(2024, 1, 1))
    make_payment(member=erased, paid_on=datetime.date(2026, 1, 12), idempotency_key="erased")

    abroad = make_member(
        number="G-5", first_name="Luis", country="PE", postcode="", address_line_1="Jirón Puno 345, Cusco"
    )
    GiftAidDeclarationFactory(member=abroad, declared_at=aware(2024, 1, 1))
    make_payment(member=abroad, paid_on=datetime.date(2026, 1, 14), idempotency_key="abroad")

    # Declared after the period, but an enduring declaration covers the four years before it.
    late = make_member(
        number="G-6",
        title="Professor",
        first_name="Carmen",
        last_name="Vargas",
        address_line_1="Rose Cottage, Mill Lane",
        postcode="BA1 1AA",
    )
    GiftAidDeclarationFactory(member=late, declared_at=aware(2026, 3, 1))
    make_payment(member=late, amount_pence=6000, paid_on=datetime.date(2026, 1, 25), idempotency_key="late")
