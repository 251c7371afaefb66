"""The secretary's viewsets: members and plans in the "Membership" menu of the admin.

Access follows the model permissions the "Membership secretary" group holds; editors have none,
so they see no menu item and are turned away from every page here.
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..addresses import clean_address_postcode, country_choices
from ..models import Member, Plan
from . import action_views, gift_aid_views, member_views
from .forms import PlanForm


class MemberAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        clean_address_postcode(self, cleaned, required=False)
        return cleaned


class MemberViewSet(ModelViewSet):
    model = Member
    icon = "user"
    menu_label = _("Members")
    menu_order = 100
    add_to_admin_menu = False
    add_to_reference_index = False
    index_view_class = member_views.MemberIndexView
    inspect_view_class = member_views.MemberInspectView
    edit_view_class = member_views.MemberEditView
    add_view_class = member_views.MemberCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "number",
        Column("full_name", label=_("Name"), sort_key="last_name"),
        "status",
        "plan",
        "expires_on",
        "payment_method",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldPanel("email"),
                    FieldPanel("language"),
                ],
                heading=_("Name and email"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("address_line_1"),
                    FieldPanel("address_line_2"),
                    FieldPanel("town"),
                    FieldPanel("county"),
                    FieldPanel("postcode"),
                    FieldPanel("country", widget=forms.Select(choices=country_choices)),
                ],
                heading=_("Postal address"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("plan"),
                    FieldPanel("next_plan"),
                    FieldPanel("payment_method"),
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("joined_on"), FieldPanel("expires_on")]),
                ],
                heading=_("Membership"),
            ),
            FieldPanel("bulletin_consent"),
            FieldPanel("notes"),
        ],
        base_form_class=MemberAdminForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Members are never deleted here (payments must stay). Wagtail's history view is the audit
        # trail (who looked, changed or exported what, from where); the member page has its own history.
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"),
            path(
                "record-payment/<int:pk>/",
                self.construct_view(action_views.RecordPaymentView),
                name="record_payment",
            ),
            path("cancel/<int:pk>/", self.construct_view(action_views.CancelMembershipView), name="cancel"),
            path("import/", self.construct_view(action_views.ImportMembersView), name="import"),
            path("gift-aid/", self.construct_view(gift_aid_views.GiftAidClaimView), name="gift_aid"),
            path(
                "gift-aid/claims/",
                self.construct_view(gift_aid_views.GiftAidClaimListView),
                name="gift_aid_claims",
            ),
            path(
                "gift-aid/claims/<int:pk>/",
                self.construct_view(gift_aid_views.GiftAidClaimDetailView),
                name="gift_aid_claim",
            ),
            path(
                "gift-aid/claims/<int:pk>/<str:file_format>/",
                self.construct_view(gift_aid_views.GiftAidClaimDownloadView),
                name="gift_aid_claim_download",
            ),
        ]


class PlanViewSet(ModelViewSet):
    model = Plan
    icon = "tag"
    menu_label = _("Plans")
    menu_order = 200
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = [
        "name",
        Column("price_pounds", label=_("Yearly price"), sort_key="price_pence"),
        "audience",
        BooleanColumn("is_active", label=_("Open to new members")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("description"),
                    FieldPanel("audience"),
                    FieldPanel("price_pounds"),
                    FieldPanel("is_active"),
                    FieldPanel("sort_order"),
                ],
                heading=_("Plan"),
            ),
            ObjectList(
                [FieldPanel("name_es"), FieldPanel("description_es"), FieldPanel("audience_es")],
                heading=_("Spanish"),
            ),
        ],
        base_form_class=PlanForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Plans that members hold cannot be deleted; close one to new members instead.
        return super().get_common_view_kwargs(**{"delete_url_name": None, "history_url_name": None, **kwargs})


class MembershipViewSetGroup(ModelViewSetGroup):
    items = (MemberViewSet, PlanViewSet)
    menu_label = _("Membership")
    menu_icon = "group"
    menu_order = 250
