"""The membership secretary's forms about one member (record a payment, cancel) and the import
page; thin, over the services. The Gift Aid claim pages are in gift_aid_views."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..choices import MembershipStatus
from ..lifecycle.services import cancel
from ..models import Member
from . import audit, import_columns, member_import, services
from .forms import CancelMembershipForm, ImportMembersForm, RecordPaymentForm
from .navigation import member_url, safe_next

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
        payment, created = services.record_offline_payment(
            self.member,
            amount_pence=form.amount_pence,
            paid_on=data["paid_on"],
            method=data["method"],
            reference=data["reference"],
            user=self.request.user,
        )
        values = {"amount": payment.amount_pounds, "member": str(self.member)}
        if created:
            audit.payment_recorded(self.request, payment)
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
        return redirect(safe_next(self.request, reverse("member:index")))


class CancelMembershipView(MemberFormView):
    template_name = "membership/admin/cancel_membership.html"
    form_class = CancelMembershipForm
    page_title = gettext_lazy("Cancel membership")

    def form_valid(self, form):
        if self.member.status == MembershipStatus.CANCELLED:
            messages.warning(self.request, _("This membership was already cancelled."))
        else:
            cancel(self.member, actor=self.request.user, note=form.cleaned_data["note"])
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
            response = HttpResponse(import_columns.template_csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="members-import-template.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = [
            (label, ", ".join(import_columns.COLUMNS[name]), name in import_columns.REQUIRED_COLUMNS)
            for name, label in import_columns.COLUMN_LABELS.items()
        ]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = member_import.import_members(
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
            audit.members_imported(self.request, result, upload.name)
            messages.success(
                self.request,
                _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
        return self.render_to_response(self.get_context_data(form=form, result=result))
