"""The membership panel on the admin home page: four aggregate queries, whatever the numbers."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from ..choices import MembershipStatus
from ..models import Member, Payment, Plan, format_pence
from ..permissions import is_membership_secretary
from .filters import EXPIRING_NEXT_30_DAYS, expiring_range

INCOME_MONTHS = 12


def membership_figures(today=None):
    """Members by status and plan, renewals due soon, and income per month for the last year."""
    today = today or timezone.localdate()
    by_status = dict(Member.objects.values_list("status").annotate(count=Count("pk")).order_by())
    statuses = [(value, label, by_status.get(value, 0)) for value, label in MembershipStatus.choices]

    plans = Plan.objects.annotate(count=Count("members")).order_by("sort_order", "price_pence")
    by_plan = [(plan, plan.count) for plan in plans]

    start, end = expiring_range(EXPIRING_NEXT_30_DAYS, today)
    renewals_due = (
        Member.objects.expiring_between(start, end).exclude(status=MembershipStatus.CANCELLED).count()
    )

    first_month = today.replace(day=1) - relativedelta(months=INCOME_MONTHS - 1)
    sums = {
        _month_start(row["month"]): row["total"]
        for row in Payment.objects.filter(paid_on__gte=first_month, paid_on__lte=today)
        .annotate(month=TruncMonth("paid_on"))
        .values("month")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    }
    income = []
    for offset in range(INCOME_MONTHS):
        month = first_month + relativedelta(months=offset)
        total = sums.get(month, 0) or 0
        income.append({"month": month, "pence": total, "pounds": format_pence(total)})

    return {
        "statuses": statuses,
        "total_members": sum(by_status.values()),
        "by_plan": by_plan,
        "renewals_due": renewals_due,
        "renewals_url": reverse("member:index") + "?" + urlencode({"expiring": EXPIRING_NEXT_30_DAYS}),
        "income": income,
        "income_total": format_pence(sum(row["pence"] for row in income)),
    }


def _month_start(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.replace(day=1)


class MembershipPanel(Component):
    name = "membership"
    template_name = "membership/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = membership_figures()
        context["request"] = parent_context["request"]
        context["members_url"] = reverse("member:index")
        return context


def add_membership_panel(request, panels):
    """construct_homepage_panels hook: secretaries and superusers only."""
    if is_membership_secretary(request.user):
        panels.append(MembershipPanel())
