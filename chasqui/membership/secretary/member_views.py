"""The membership secretary's members list and member pages in the Wagtail admin.

Thin: the changes are recorded by secretary.services."""

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, ListingButton

from chasqui.subscribers import services as subscriber_services

from ..choices import MembershipStatus
from ..gift_aid.ledger import claim_status_by_payment
from ..models import Member, MemberEvent, Payment, model_field
from ..numbers import next_membership_number
from . import audit, exports, services
from .filters import MemberFilterSet
from .navigation import member_url

# Members list ----------------------------------------------------------------------------


class MemberIndexView(generic.IndexView):
    """Members with search, filters, a CSV of what is shown, and "Record payment" on each row."""

    filterset_class = MemberFilterSet
    search_fields = ["number", "first_name", "last_name", "email", "postcode"]
    list_export = ["number"]  # turns on ?export=; the CSV itself comes from exports.members_csv

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("plan")

    def search_queryset(self, queryset):
        """Every word typed must match one of the fields, so "Ana Quispe" finds Ana Quispe."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    @cached_property
    def show_export_buttons(self):
        return False

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The number links to the member's page rather than straight to the edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if self.user_has_permission("change") and not instance.erased_at:
            buttons.insert(
                0,
                ListingButton(
                    _("Record payment"),
                    url=member_url("record_payment", instance)
                    + "?"
                    + urlencode({"next": self.request.get_full_path()}),
                    icon_name="plus",
                    attrs={"aria-label": _("Record a payment from %(name)s") % {"name": instance.full_name}},
                ),
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Download CSV of this list"),
                url=self.get_export_url("csv"),
                icon_name="download",
                priority=10,
            )
        )
        if self.user_has_permission("add"):
            buttons.append(
                Button(_("Import from CSV"), url=reverse("member:import"), icon_name="upload", priority=20)
            )
        buttons.append(
            Button(
                _("Gift Aid claims"), url=reverse("member:gift_aid_claims"), icon_name="doc-full", priority=30
            )
        )
        return buttons

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            audit.members_exported(self.request, context["object_list"].count())
            filename = f"members-{timezone.localdate():%Y-%m-%d}.csv"
            response = HttpResponse(
                exports.members_csv(context["object_list"]), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return super().render_to_response(context, **response_kwargs)


# Member page, adding and editing ---------------------------------------------------------


class MemberInspectView(generic.InspectView):
    """Everything about one member on one page: details, payments, Gift Aid and history."""

    template_name = "membership/admin/member_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Member.objects.select_related("plan", "next_plan").prefetch_related(
                Prefetch("payments", queryset=Payment.objects.select_related("recorded_by")),
                "gift_aid_declarations",
                Prefetch("events", queryset=MemberEvent.objects.select_related("actor")),
            ),
            pk=self.pk,
        )

    def get_page_title(self):
        return _("Member")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change") and self.object.status != MembershipStatus.CANCELLED:
            buttons.append(
                Button(
                    _("Cancel membership"),
                    url=member_url("cancel", self.object),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member = self.object
        context["member"] = member
        context["can_change"] = self.user_has_permission("change") and not member.erased_at
        context["record_payment_url"] = member_url("record_payment", member)
        context["edit_url"] = self.get_edit_url()
        context["cancel_url"] = member_url("cancel", member)
        context["events"] = [(event, describe_changes(event.changes)) for event in member.events.all()]
        claimed = claim_status_by_payment([payment.pk for payment in member.payments.all()])
        context["payments"] = [(payment, claimed.get(payment.pk)) for payment in member.payments.all()]
        context["receives_bulletin"] = subscriber_services.is_receiving_address(member.email)
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.member_viewed(request, self.object)
        return response


def describe_changes(changes):
    """[(field label, old, new)] for the history table."""
    rows = []
    for name, values in (changes or {}).items():
        field = model_field(Member, name)
        # A change recorded by name only, e.g. "gift_aid", has no field to take its label from.
        label = field.verbose_name if field else name.replace("_", " ")
        old, new = values if isinstance(values, list | tuple) and len(values) == 2 else ("", values)
        rows.append((label, "" if old is None else old, "" if new is None else new))
    return rows


class MemberEditView(generic.EditView):
    """Saves the form and records who changed which fields, from what to what: in the member's
    history and, with where from, in the audit trail (instead of Wagtail's plain "Edited")."""

    def save_instance(self):
        changes = services.edit_changes(self.object.pk, self.form.instance, self.form.changed_data)
        self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=None
        ).execute(skip_permission_checks=True)
        instance = self.form.instance
        services.record_edit(instance, changes, self.request.user)
        if changes:
            audit.member_edited(self.request, instance, changes)
        return instance

    def get_success_url(self):
        return member_url("inspect", self.object)


class MemberCreateView(generic.CreateView):
    """A member signed up on paper: they get the next number from the sequence."""

    def save_instance(self):
        self.form.instance.number = next_membership_number()
        instance = super().save_instance()
        services.record_creation(instance, self.request.user)
        return instance

    def get_success_url(self):
        return member_url("inspect", self.object)
