"""The mailing list in the Wagtail admin: listing, consent ledger, import and export.

Only superusers and groups holding the subscriber view permission see it (Editors get
view permission from migration 0003); changing addresses needs the change permission.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from . import services
from .choices import ConsentCause, SubscriberStatus
from .forms import SubscriberExportForm, SubscriberImportForm
from .models import Subscriber
from .subscriber_csv import export_subscribers, import_subscribers


def can_view(user):
    return any(user.has_perm(f"subscribers.{action}_subscriber") for action in ("view", "change", "add"))


def can_import(user):
    return user.has_perm("subscribers.add_subscriber") and user.has_perm("subscribers.change_subscriber")


class SubscriberCreateForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["email", "name", "language"]

    def clean_email(self):
        email = services.normalise_email(self.cleaned_data["email"])
        if Subscriber.objects.filter(email=email).exists():
            raise forms.ValidationError(_("This address is already on the list."))
        return email


class SubscriberEditForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[choice for choice in SubscriberStatus.choices if choice[0] != SubscriberStatus.PENDING],
        help_text=gettext_lazy("Changes are recorded in the consent ledger as made by staff."),
    )

    class Meta:
        model = Subscriber
        fields = ["name", "language"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        if self.instance.status == SubscriberStatus.PENDING:
            self.fields["status"].choices = SubscriberStatus.choices
        self.fields["status"].initial = self.instance.status


class SubscriberIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_import(self.request.user):
            buttons.append(
                HeaderButton(_("Import CSV"), url=reverse("subscriber_admin:import"), icon_name="upload")
            )
        buttons.append(
            HeaderButton(_("Export CSV"), url=reverse("subscriber_admin:export"), icon_name="download")
        )
        return buttons


class SubscriberCreateView(generic.CreateView):
    """Staff add an address as a sign-up: the person still confirms by email."""

    def save_instance(self):
        data = self.form.cleaned_data
        result = services.sign_up(
            data["email"],
            name=data["name"],
            language=data["language"],
            cause=ConsentCause.ADMIN,
            detail=_("added by %(user)s") % {"user": self.request.user.get_username()},
        )
        return result.subscriber

    def get_success_message(self, instance):
        return _("%(email)s added; a confirmation email is on its way.") % {"email": instance.email}


class SubscriberEditView(generic.EditView):
    """Name and language are edited directly; a status change goes through the ledger."""

    def save_instance(self):
        subscriber = self.form.instance
        Subscriber.objects.filter(pk=subscriber.pk).update(
            name=self.form.cleaned_data["name"], language=self.form.cleaned_data["language"]
        )
        subscriber.refresh_from_db()
        services.change_status(
            subscriber,
            self.form.cleaned_data["status"],
            ConsentCause.ADMIN,
            detail=_("by %(user)s") % {"user": self.request.user.get_username()},
        )
        return subscriber


class SubscriberInspectView(generic.InspectView):
    template_name = "subscribers/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consent_events"] = self.object.consent_events.order_by("at", "pk")
        return context


class SubscriberFormView(WagtailAdminTemplateMixin, FormView):
    """An admin page under Subscribers, open to the users `allowed` lets in."""

    allowed = staticmethod(can_view)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("subscriber_admin:index"), "label": _("Subscribers")},
            {"url": "", "label": self.get_page_title()},
        ]


class SubscriberImportView(SubscriberFormView):
    """Upload a CSV: a dry run shows what would change; a real run writes all rows or none."""

    form_class = SubscriberImportForm
    template_name = "subscribers/admin/import.html"
    page_title = gettext_lazy("Import subscribers")
    header_icon = "upload"

    allowed = staticmethod(can_import)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        report = import_subscribers(
            upload.read(),
            dry_run=dry_run,
            detail=_("CSV import of %(file)s by %(user)s")
            % {"file": upload.name, "user": self.request.user.get_username()},
        )
        if report.written:
            counts = report.summary()
            messages.success(
                self.request,
                _("Imported %(rows)s rows: %(create)s new, %(update)s updated, %(unchanged)s unchanged.")
                % {"rows": len(report.rows), **counts},
            )
            return redirect("subscriber_admin:index")
        return self.render_to_response(self.get_context_data(form=form, report=report, dry_run=dry_run))


class SubscriberExportView(SubscriberFormView):
    form_class = SubscriberExportForm
    template_name = "subscribers/admin/export.html"
    page_title = gettext_lazy("Export subscribers")
    header_icon = "download"

    allowed = staticmethod(can_view)

    def get(self, request, *args, **kwargs):
        if "status" not in request.GET:
            return super().get(request, *args, **kwargs)
        form = SubscriberExportForm(request.GET)
        if not form.is_valid():
            return self.form_invalid(form)
        status = form.cleaned_data["status"]
        filename = f"subscribers-{status or 'all'}-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        export_subscribers(response, status=status or None)
        return response


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    url_prefix = "subscribers"
    icon = "group"
    menu_label = gettext_lazy("Subscribers")
    menu_order = 300
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["email", "name", "language", "status", "status_changed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    search_backend_name = None
    inspect_view_fields = [
        "email",
        "name",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "status_changed_at",
        "confirmation_sent_at",
    ]
    index_view_class = SubscriberIndexView
    add_view_class = SubscriberCreateView
    edit_view_class = SubscriberEditView
    inspect_view_class = SubscriberInspectView

    def get_form_class(self, for_update=False):
        return SubscriberEditForm if for_update else SubscriberCreateForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", SubscriberImportView.as_view(), name="import"),
            path("export/", SubscriberExportView.as_view(), name="export"),
        ]


subscriber_viewset = SubscriberViewSet("subscriber_admin")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset
