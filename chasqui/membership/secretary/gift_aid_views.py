"""The secretary's Gift Aid pages: prepare a claim (preview, then record it), the list of claims,
one claim with its downloads, and marking it submitted or withdrawn. Thin, over gift_aid.ledger."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from ..choices import ClaimStatus
from ..gift_aid import claim as claims
from ..gift_aid import ledger
from ..models import GiftAidClaim
from . import audit
from .action_views import SecretaryPageView
from .forms import GiftAidClaimForm, RecordClaimForm, SubmitClaimForm, WithdrawClaimForm


def pounds_and_pence(pence):
    """£1,234.50, always with the pence, as a claim total is written."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


class GiftAidPageView(SecretaryPageView):
    any_permission_required = ["view"]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("member:index"), "label": _("Members")},
            {"url": reverse("member:gift_aid_claims"), "label": _("Gift Aid claims")},
            {"url": "", "label": self.get_page_title()},
        ]


class GiftAidClaimView(GiftAidPageView):
    """Choose a period and see what a claim would hold and what is left out; then record it."""

    template_name = "membership/admin/gift_aid_claim.html"
    form_class = GiftAidClaimForm
    page_title = gettext_lazy("Prepare a Gift Aid claim")

    def get_form_kwargs(self):
        kwargs = {"initial": GiftAidClaimForm.default_initial()}
        if "start" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_bound or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        claim = claims.gift_aid_claim(start, end)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                claim=claim,
                preview=claim.rows[:20],
                columns=claims.GIFT_AID_COLUMNS,
                record_form=RecordClaimForm.for_period(start, end),
                rows_per_schedule=claims.GIFT_AID_ROWS_PER_SCHEDULE,
                total=pounds_and_pence(claim.total_pence),
                can_record=self.user_has_permission("change"),
            )
        )

    def post(self, request, *args, **kwargs):
        """Record the claim: one transaction; the same form sent twice records one claim."""
        form = RecordClaimForm(request.POST)
        if not self.user_has_permission("change") or not form.is_valid():
            messages.error(request, _("The claim could not be recorded. Prepare it again."))
            return redirect("member:gift_aid")
        data = form.cleaned_data
        try:
            claim, created = ledger.record_claim(
                data["start"], data["end"], data["request_key"], request.user
            )
        except ledger.NothingToClaim:
            messages.warning(request, _("There is nothing left to claim in that period."))
            return redirect("member:gift_aid_claims")
        if created:
            audit.claim_logged(request, claim, audit.GIFT_AID_CLAIM)
            messages.success(request, _("Claim recorded. Download the schedule and send it to HMRC."))
        else:
            messages.warning(request, _("This claim was already recorded; nothing changed."))
        return redirect("member:gift_aid_claim", claim.pk)


class GiftAidClaimListView(GiftAidPageView):
    template_name = "membership/admin/gift_aid_claims.html"
    form_class = GiftAidClaimForm
    page_title = gettext_lazy("Gift Aid claims")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("member:index"), "label": _("Members")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["claims"] = [
            (claim, pounds_and_pence(claim.total_pence))
            for claim in GiftAidClaim.objects.select_related("created_by")
        ]
        return context


class GiftAidClaimDetailView(GiftAidPageView):
    """One recorded claim: its totals, downloads, and the buttons to mark it submitted or withdrawn."""

    template_name = "membership/admin/gift_aid_claim_detail.html"
    form_class = SubmitClaimForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.claim = get_object_or_404(GiftAidClaim.objects.select_related("created_by"), pk=kwargs["pk"])

    def get_page_title(self):
        return str(self.claim)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schedule = ledger.claim_schedule(self.claim)
        context.update(
            claim=self.claim,
            total=pounds_and_pence(self.claim.total_pence),
            columns=claims.GIFT_AID_COLUMNS,
            preview=schedule.rows[:20],
            is_prepared=self.claim.status == ClaimStatus.PREPARED,
            is_withdrawn=self.claim.status == ClaimStatus.WITHDRAWN,
            can_change=self.user_has_permission("change"),
            withdraw_form=kwargs.get("withdraw_form") or WithdrawClaimForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            return redirect("member:gift_aid_claim", self.claim.pk)
        if "withdraw" in request.POST:
            withdraw_form = WithdrawClaimForm(request.POST)
            if not withdraw_form.is_valid():
                context = self.get_context_data(form=self.get_form_class()(), withdraw_form=withdraw_form)
                return self.render_to_response(context, status=400)
            claim = ledger.withdraw(self.claim, request.user)
            if claim.status != self.claim.status:
                audit.claim_logged(request, claim, audit.GIFT_AID_WITHDRAW)
            messages.success(request, _("Claim withdrawn: its payments can go into a later claim."))
            return redirect("member:gift_aid_claim", self.claim.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            claim = ledger.mark_submitted(self.claim, self.request.user, form.cleaned_data["hmrc_reference"])
        except ledger.ClaimStatusError:
            messages.error(self.request, _("A withdrawn claim cannot be submitted; prepare a new one."))
        else:
            if claim.status != self.claim.status:
                audit.claim_logged(
                    self.request, claim, audit.GIFT_AID_SUBMIT, hmrc_reference=claim.hmrc_reference
                )
            messages.success(self.request, _("Claim marked as submitted to HMRC."))
        return redirect("member:gift_aid_claim", self.claim.pk)


class GiftAidClaimDownloadView(GiftAidPageView):
    """The recorded claim's schedule as .ods (to send) or .csv; a zip of several when it is long."""

    def get(self, request, *args, **kwargs):
        claim = get_object_or_404(GiftAidClaim, pk=kwargs["pk"])
        file_format = kwargs["file_format"]
        if file_format not in claims.FORMATS:
            return HttpResponse(status=404)
        schedule = ledger.claim_schedule(claim)
        filename, content_type, content = claims.gift_aid_download(schedule, file_format=file_format)
        audit.claim_logged(request, claim, audit.GIFT_AID_EXPORT, format=file_format, rows=len(schedule.rows))
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
