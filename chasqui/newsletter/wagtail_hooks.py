"""Bulletins in the admin: the snippet listing and editor, plus the send controls and progress."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from chasqui.core.bulletin_sections import bulletin_sections

from . import admin_views, services
from .models import Bulletin
from .panels import TitledInlinePanel


class ProgressColumn(Column):
    """Sent / failed / remaining, counted in the listing's own query."""

    cell_template_name = "newsletter/admin/progress_cell.html"


class BulletinIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("newsletter.add_bulletin"):
            buttons.insert(
                0,
                HeaderButton(
                    _("Create next bulletin"),
                    url=reverse("wagtailsnippets_newsletter_bulletin:create_next"),
                    icon_name="plus",
                ),
            )
        return buttons


class BulletinCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Bulletin()
        instance.number = services.next_number(instance.language)
        return instance


class BulletinEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Test, schedule or send") if self.object.is_draft else _("Sending progress"),
                url=admin_views.send_url(self.object),
                icon_name="mail",
            )
        )
        return buttons


class BulletinViewSet(SnippetViewSet):
    model = Bulletin
    icon = "mail"
    menu_label = _("Bulletins")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = BulletinIndexView
    add_view_class = BulletinCreateView
    edit_view_class = BulletinEditView
    list_filter = ["status", "language"]
    ordering = ["-number"]

    @property
    def list_display(self):
        return [
            "title",
            "language",
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("sent_at", label=_("Sent")),
            ProgressColumn("progress", label=_("Sent / failed / remaining")),
            Column("send_link", label=_("Sending"), accessor=send_link),
        ]

    def get_queryset(self, request):
        return Bulletin.objects.with_delivery_counts()

    def get_edit_handler(self):
        """The bulletin's panels, with each registered section's right after the news items."""
        panels = []
        for panel in Bulletin.panels:
            panels.append(panel)
            if isinstance(panel, TitledInlinePanel):
                panels.extend(extra for section in bulletin_sections() for extra in section.panels)
        return ObjectList(panels).bind_to_model(Bulletin)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("create-next/", admin_views.CreateNextBulletinView.as_view(), name="create_next"),
            path("send/<int:pk>/", admin_views.BulletinSendView.as_view(), name="send"),
            path("send/<int:pk>/test/", admin_views.send_test, name="send_test"),
            path("send/<int:pk>/now/", admin_views.send_now, name="send_now"),
            path("send/<int:pk>/schedule/", admin_views.schedule, name="schedule"),
            path("send/<int:pk>/cancel-schedule/", admin_views.cancel_schedule, name="cancel_schedule"),
            path("send/<int:pk>/resend-uncertain/", admin_views.resend_uncertain, name="resend_uncertain"),
        ]


def send_link(bulletin):
    label = _("Send…") if bulletin.is_draft else _("Progress")
    return format_html('<a href="{}">{}</a>', admin_views.send_url(bulletin), label)


register_snippet(BulletinViewSet)
