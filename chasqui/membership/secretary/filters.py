"""Filters for the members list; the CSV export applies the same ones."""

import calendar
import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from ..choices import MembershipStatus, PaymentMethod
from ..models import GiftAidDeclaration, Member, Plan

EXPIRING_THIS_MONTH = "this_month"
EXPIRING_NEXT_30_DAYS = "next_30_days"
RENEWAL_WINDOW_DAYS = 30


def expiring_range(choice, today):
    """(first day, last day) of an "expiring" filter choice."""
    if choice == EXPIRING_THIS_MONTH:
        last_day = calendar.monthrange(today.year, today.month)[1]
        return today.replace(day=1), today.replace(day=last_day)
    return today, today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS)


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MembershipStatus.choices, empty_label=_("All"), widget=forms.RadioSelect
    )
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=Plan.objects.all(), empty_label=_("All")
    )
    payment_method = django_filters.ChoiceFilter(
        label=_("Payment method"), choices=PaymentMethod.choices, empty_label=_("All")
    )
    gift_aid = django_filters.BooleanFilter(
        label=_("Gift Aid declaration in force"), method="filter_gift_aid", widget=BooleanRadioSelect
    )
    expiring = django_filters.ChoiceFilter(
        label=_("Expiring"),
        choices=[
            (EXPIRING_THIS_MONTH, _("This month")),
            (EXPIRING_NEXT_30_DAYS, _("In the next 30 days")),
        ],
        empty_label=_("Any time"),
        method="filter_expiring",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Member
        fields = ["status", "plan", "payment_method"]

    def filter_gift_aid(self, queryset, name, value):
        if value is None:
            return queryset
        active = Exists(GiftAidDeclaration.objects.filter(member=OuterRef("pk"), cancelled_at__isnull=True))
        return queryset.filter(active if value else ~active)

    def filter_expiring(self, queryset, name, value):
        if not value:
            return queryset
        start, end = expiring_range(value, timezone.localdate())
        # Cancelled members will not renew; lapsed ones have already gone past their date.
        return queryset.expiring_between(start, end).exclude(status=MembershipStatus.CANCELLED)
