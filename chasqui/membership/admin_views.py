"""The membership secretary's pages in the Wagtail admin. Thin: each calls one service."""

import datetime

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, ListingButton

from chasqui.subscribers import services as subscriber_services
from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

from . import exports, importer, services
from .admin_forms import CancelMembershipForm, GiftAidClaimForm, ImportMembersForm, RecordPaymentForm
from .choices import MembershipStatus, PaymentSource
from .filters import MemberFilterSet
from .models import Member, MemberEvent, Payment

# Fields whose value the history shows by name rather than by id.
RELATED_FIELDS = {"plan", "next_plan"}


def member_url(view_name, member):
    return reverse(f"member:{view_name}", args=(quote(member.pk),))


def _safe_next(request, fallback):
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback


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
            Button(_("Gift Aid claim"), url=reverse("member:gift_aid"), icon_name="doc-full", priority=30)
        )
        return buttons

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
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
        return context


def describe_changes(changes):
    """[(field label, old, new)] for the history table."""
    rows = []
    for name, values in (changes or {}).items():
        try:
            label = Member._meta.get_field(name).verbose_name
        except FieldDoesNotExist:  # a change recorded by name only, e.g. "gift_aid"
            label = name.replace("_", " ")
        old, new = values if isinstance(values, list | tuple) and len(values) == 2 else ("", values)
        rows.append((label, "" if old is None else old, "" if new is None else new))
    return rows


def _display(member, name):
    if name in RELATED_FIELDS:
        related = getattr(member, name)
        return str(related) if related else None
    value = getattr(member, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def sync_bulletin_subscription(member):
    """The secretary ticked or unticked the bulletin box (say from a letter): keep the list in step.

    Someone who unsubscribed, bounced or complained is not put back on by a tick here.
    """
    if member.bulletin_consent:
        subscriber_services.subscribe_member(member.email, member.full_name, member.language)
        return
    subscriber = Subscriber.objects.filter(email=subscriber_services.normalise_email(member.email)).first()
    if subscriber is not None:
        subscriber_services.change_status(subscriber, SubscriberStatus.UNSUBSCRIBED, ConsentCause.ADMIN)


class MemberEditView(generic.EditView):
    """Saves the form and records who changed which fields, from what to what."""

    def save_instance(self):
        before = Member.objects.select_related("plan", "next_plan").get(pk=self.object.pk)
        instance = self.form.instance
        changes = {}
        for name in self.form.changed_data:
            if name not in {field.name for field in Member._meta.fields}:
                continue
            old, new = _display(before, name), _display(instance, name)
            if old != new:
                changes[name] = [old, new]
        if "status" in changes:
            instance.status_changed_at = timezone.now()
        instance = super().save_instance()
        if changes:
            services.log_event(instance, "edit", actor=self.request.user, changes=changes)
        if "bulletin_consent" in changes:
            sync_bulletin_subscription(instance)
        return instance

    def get_success_url(self):
        return member_url("inspect", self.object)


class MemberCreateView(generic.CreateView):
    """A member signed up on paper: they get the next number from the sequence."""

    def save_instance(self):
        self.form.instance.number = services.next_membership_number()
        instance = super().save_instance()
        services.log_event(instance, "created", actor=self.request.user, note="added in the admin")
        if instance.bulletin_consent:
            sync_bulletin_subscription(instance)
        return instance

    def get_success_url(self):
        return member_url("inspect", self.object)


# Actions on one member ---------------------------------------------------------------------


class MemberFormView(PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView):
    """A small form about one member, reached from the list or the member page."""

    model = Member
    permission_required = "change"
    index_url_name = None
    header_icon = "user"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.member = get_object_or_404(Member.objects.select_related("plan", "next_plan"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.member)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("member:index"), "label": _("Members")},
            {"url": member_url("inspect", self.member), "label": str(self.member)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        context["next"] = self.request.POST.get("next") or self.request.GET.get("next", "")
        context["member_url"] = member_url("inspect", self.member)
        return context


class RecordPaymentView(MemberFormView):
    """Money received by standing order or cheque; a second identical submission records nothing."""

    template_name = "membership/admin/record_payment.html"
    form_class = RecordPaymentForm
    page_title = gettext_lazy("Record a payment")

    def get_initial(self):
        return RecordPaymentForm.initial_for(self.member)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        if self.member.erased_at:
            messages.error(request, _("This member's personal data has been erased."))
            return redirect(member_url("inspect", self.member))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        reference = data["reference"].strip()
        payment, created = services.record_payment(
            self.member,
            amount_pence=form.amount_pence,
            paid_on=data["paid_on"],
            method=data["method"],
            source=PaymentSource.OFFLINE,
            reference=reference,
            idempotency_key=services.offline_payment_key(
                self.member, data["paid_on"], form.amount_pence, reference
            ),
            recorded_by=self.request.user,
        )
        values = {"amount": payment.amount_pounds, "member": str(self.member)}
        if created:
            payment.member.refresh_from_db()
            values["expiry"] = payment.member.expires_on.strftime("%d/%m/%Y")
            messages.success(
                self.request,
                _("Payment of %(amount)s from %(member)s recorded; membership now runs to %(expiry)s.")
                % values,
            )
        else:
            messages.warning(
                self.request,
                _("That payment of %(amount)s from %(member)s was already recorded; nothing changed.")
                % values,
            )
        return redirect(_safe_next(self.request, reverse("member:index")))


class CancelMembershipView(MemberFormView):
    template_name = "membership/admin/cancel_membership.html"
    form_class = CancelMembershipForm
    page_title = gettext_lazy("Cancel membership")

    def form_valid(self, form):
        if self.member.status == MembershipStatus.CANCELLED:
            messages.warning(self.request, _("This membership was already cancelled."))
        else:
            services.cancel(self.member, actor=self.request.user, note=form.cleaned_data["note"])
            messages.success(self.request, _("Membership of %(member)s cancelled.") % {"member": self.member})
        return redirect(member_url("inspect", self.member))


# Import and Gift Aid -------------------------------------------------------------------------


class SecretaryPageView(PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, FormView):
    model = Member
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("member:index"), "label": _("Members")},
            {"url": "", "label": self.get_page_title()},
        ]


class ImportMembersView(SecretaryPageView):
    template_name = "membership/admin/import_members.html"
    form_class = ImportMembersForm
    permission_required = "add"
    page_title = gettext_lazy("Import members from CSV")

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="members-import-template.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = [
            (label, ", ".join(importer.COLUMNS[name]), name in importer.REQUIRED_COLUMNS)
            for name, label in importer.COLUMN_LABELS.items()
        ]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = importer.import_members(
            upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            actor=self.request.user,
            source_name=upload.name,
        )
        if result.errors:
            messages.error(
                self.request,
                _("Nothing was imported: %(count)d problem(s) found. Correct the file and try again.")
                % {"count": len(result.errors)},
            )
        elif result.written:
            messages.success(
                self.request,
                _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
        return self.render_to_response(self.get_context_data(form=form, result=result))


class GiftAidClaimView(SecretaryPageView):
    """Choose a period, see what the claim holds and what was left out, download the schedule."""

    template_name = "membership/admin/gift_aid_claim.html"
    form_class = GiftAidClaimForm
    any_permission_required = ["view"]
    page_title = gettext_lazy("Gift Aid claim")

    def get_form_kwargs(self):
        kwargs = {"initial": GiftAidClaimForm.default_initial()}
        if "start" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_bound or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        claim = exports.gift_aid_claim(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("download"):
            filename, content_type, content = exports.gift_aid_download(claim)
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        query = request.GET.copy()
        query["download"] = "1"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                claim=claim,
                preview=claim.rows[:20],
                columns=exports.GIFT_AID_COLUMNS,
                download_url=f"{request.path}?{query.urlencode()}",
                rows_per_schedule=exports.GIFT_AID_ROWS_PER_SCHEDULE,
                total=_pounds(claim.total_pence),
            )
        )


def _pounds(pence):
    return f"£{pence // 100:,}.{pence % 100:02d}"
