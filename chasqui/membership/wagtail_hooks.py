"""The "Membership" menu of the admin and the membership panel on its home page: for the
membership secretary only (see secretary/viewsets.py and secretary/dashboard.py); and the audit
trail's actions on members' data (secretary/audit.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Member
from .permissions import NeverDeletedPolicy
from .secretary import audit
from .secretary.dashboard import add_membership_panel
from .secretary.viewsets import MembershipViewSetGroup


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return MembershipViewSetGroup()


hooks.register("construct_homepage_panels", add_membership_panel)
hooks.register("register_log_actions", audit.register_actions)

# Members are erased, never deleted: no delete page or button for anyone, superusers included.
register_permission_policy(Member, NeverDeletedPolicy(Member))
