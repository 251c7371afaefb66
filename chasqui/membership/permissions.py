"""Who may see member data: the "Membership secretary" group and superusers, nobody else."""

from functools import wraps

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

SECRETARY_GROUP_NAME = "Membership secretary"

# (app label, codename) pairs the group holds; the data migration grants the same set.
SECRETARY_PERMISSIONS = [
    *(
        ("membership", f"{action}_{model}")
        for model in ("member", "payment", "plan", "giftaiddeclaration", "memberevent")
        for action in ("view", "add", "change")
    ),
    ("membership", "view_reminder"),
    ("membership", "change_membershipsettings"),
    ("wagtailadmin", "access_admin"),
    ("users", "lift_sign_in_lockout"),
]


def ensure_secretary_group():
    """Create the group (or top up its permissions) and return it; safe to call repeatedly."""
    group, _ = Group.objects.get_or_create(name=SECRETARY_GROUP_NAME)
    for app_label, codename in SECRETARY_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            group.permissions.add(permission)
    return group


def is_membership_secretary(user):
    """Superusers and holders of the member view permission (the secretary group)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("membership.view_member")


def can_change_members(user):
    return is_membership_secretary(user) and (user.is_superuser or user.has_perm("membership.change_member"))


def secretary_required(view_func):
    """For admin views outside a viewset: anyone but the secretary is refused."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        if not is_membership_secretary(request.user):
            raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return wrapped


class NeverDeletedPolicy(ModelPermissionPolicy):
    """The model permissions, except that nobody (not even a superuser) may delete: members are
    erased, never deleted, because their payments must stay for the accounts."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "delete"])
