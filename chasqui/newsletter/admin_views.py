"""Admin views for the steps around a bulletin's content: create the next one, test, schedule, send."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import outbox, services
from .choices import BulletinStatus, DeliveryStatus
from .content import render_bulletin_email
from .forms import CreateNextForm, ScheduleForm, TestSendForm
from .models import Bulletin


def check_permission(user, action="change"):
    if not user.has_perm(f"newsletter.{action}_bulletin"):
        raise PermissionDenied


def send_url(bulletin):
    return reverse("wagtailsnippets_newsletter_bulletin:send", args=[bulletin.pk])


class BulletinSendView(WagtailAdminTemplateMixin, TemplateView):
    """Progress of a send, or the test/schedule/send controls while the bulletin is a draft."""

    template_name = "newsletter/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, pk, *args, **kwargs):
        check_permission(request.user)
        self.bulletin = get_object_or_404(Bulletin, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Send %(bulletin)s") % {"bulletin": self.bulletin}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailsnippets_newsletter_bulletin:list"), "label": _("Bulletins")},
            {
                "url": reverse("wagtailsnippets_newsletter_bulletin:edit", args=[self.bulletin.pk]),
                "label": str(self.bulletin),
            },
            {"url": "", "label": _("Send")},
        ]

    def get_context_data(self, **kwargs):
        bulletin = self.bulletin
        context = super().get_context_data(**kwargs)
        context.update(
            bulletin=bulletin,
            progress=services.progress(bulletin),
            recipient_count=outbox.recipients(bulletin).count(),
            item_count=bulletin.items.count(),
            test_form=kwargs.get("test_form") or TestSendForm(initial={"email": self.request.user.email}),
            schedule_form=kwargs.get("schedule_form") or ScheduleForm(),
            failures=bulletin.deliveries.filter(status=DeliveryStatus.FAILED).order_by("email")[:50],
            uncertain=bulletin.deliveries.filter(status=DeliveryStatus.UNCERTAIN).order_by("email"),
            refresh=bulletin.status == BulletinStatus.SENDING,
            edit_url=reverse("wagtailsnippets_newsletter_bulletin:edit", args=[bulletin.pk]),
            web_url=bulletin.get_url() if bulletin.status == BulletinStatus.SENT else "",
        )
        return context


class ConfirmSendView(BulletinSendView):
    """What will go out, to how many and (when scheduling) when: the send starts only from here."""

    template_name = "newsletter/admin/confirm_send.html"

    def get_page_title(self):
        return _("Send %(bulletin)s?") % {"bulletin": self.bulletin}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email = render_bulletin_email(self.bulletin)
        context.update(
            email=email,
            headlines=[page.title for page in self.bulletin.news_items()],
            send_at=kwargs.get("send_at"),
            send_url=send_url(self.bulletin),
        )
        return context


def confirm_page(request, pk, **kwargs):
    view = ConfirmSendView()
    view.setup(request, pk=pk)
    view.bulletin = get_object_or_404(Bulletin, pk=pk)
    return view.render_to_response(view.get_context_data(**kwargs))


def confirmed(request):
    """Only the confirmation page's form carries this; any other request is shown that page first."""
    return request.method == "POST" and request.POST.get("confirmed") == "yes"


def run_and_report(request, bulletin, operation, success, report_error=messages.warning):
    """Run one bulletin operation; the editor sees `success`, or why the bulletin's state refused it."""
    try:
        operation()
    except services.BulletinError as error:
        report_error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(send_url(bulletin))


@require_POST
def send_test(request, pk):
    check_permission(request.user)
    bulletin = get_object_or_404(Bulletin, pk=pk)
    form = TestSendForm(request.POST)
    if not form.is_valid():
        return render_with_forms(request, pk, test_form=form)
    address = form.cleaned_data["email"]
    return run_and_report(
        request,
        bulletin,
        lambda: services.send_test(bulletin, address),
        _("Test sent to %(email)s.") % {"email": address},
        report_error=messages.error,
    )


def render_with_forms(request, pk, **forms):
    """Show the send page again with a form's errors, keeping what was typed."""
    view = BulletinSendView()
    view.setup(request, pk=pk)
    view.bulletin = get_object_or_404(Bulletin, pk=pk)
    return view.render_to_response(view.get_context_data(**forms))


@require_http_methods(["GET", "POST"])
def send_now(request, pk):
    check_permission(request.user)
    bulletin = get_object_or_404(Bulletin, pk=pk)
    if not confirmed(request):
        return confirm_page(request, pk)
    return run_and_report(
        request,
        bulletin,
        lambda: services.send_now(bulletin),
        _("%(bulletin)s is being sent.") % {"bulletin": bulletin},
    )


@require_POST
def schedule(request, pk):
    check_permission(request.user)
    bulletin = get_object_or_404(Bulletin, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return render_with_forms(request, pk, schedule_form=form)
    if not confirmed(request):
        return confirm_page(request, pk, schedule_form=form, send_at=form.cleaned_data["send_at"])
    return run_and_report(
        request,
        bulletin,
        lambda: services.schedule(bulletin, form.cleaned_data["send_at"]),
        _("%(bulletin)s is scheduled.") % {"bulletin": bulletin},
    )


@require_POST
def resend_uncertain(request, pk):
    """Send again to the readers a killed worker may have missed, at the editor's word."""
    check_permission(request.user)
    bulletin = get_object_or_404(Bulletin, pk=pk)
    return run_and_report(
        request,
        bulletin,
        lambda: services.resend_to_uncertain(bulletin),
        _("Sent again to the readers who may have missed it."),
        report_error=messages.error,
    )


@require_POST
def cancel_schedule(request, pk):
    check_permission(request.user)
    bulletin = get_object_or_404(Bulletin, pk=pk)
    return run_and_report(
        request,
        bulletin,
        lambda: services.cancel_schedule(bulletin),
        _("The schedule was cancelled; %(bulletin)s is a draft again.") % {"bulletin": bulletin},
    )


class CreateNextBulletinView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then draft the next numbered bulletin with the news published since the last one."""

    template_name = "newsletter/admin/create_next.html"
    page_title = gettext_lazy("Create next bulletin")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        check_permission(request.user, "add")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailsnippets_newsletter_bulletin:list"), "label": _("Bulletins")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or CreateNextForm()
        language = form.data.get("language") if form.is_bound else form.initial.get("language")
        previews = []
        for code, name in form.fields["language"].choices:
            previous = Bulletin.objects.filter(language=code).order_by("-number").first()
            previews.append(
                {
                    "code": code,
                    "name": name,
                    "number": services.next_number(code),
                    "items": services.news_since_previous(code, previous).count(),
                }
            )
        context.update(form=form, previews=previews, language=language)
        return context

    def post(self, request, *args, **kwargs):
        form = CreateNextForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        bulletin = services.create_next_bulletin(form.cleaned_data["language"], user=request.user)
        messages.success(
            request,
            _("%(bulletin)s was drafted with %(count)s news items. Review it, then send it.")
            % {"bulletin": bulletin, "count": bulletin.items.count()},
        )
        return redirect("wagtailsnippets_newsletter_bulletin:edit", bulletin.pk)
