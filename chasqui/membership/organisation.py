"""The settings membership reads away from any request: the membership settings and the charity's
details of the default site (emails, tasks and webhooks have no request to ask)."""

from chasqui.core.models import SiteSettings
from chasqui.core.sites import default_site

from .models import MembershipSettings


def membership_settings():
    return MembershipSettings.for_site(default_site())


def site_settings(request=None):
    """The charity's name, address and charity number, for the request's site or the default one."""
    if request is not None:
        return SiteSettings.for_request(request)
    return SiteSettings.for_site(default_site())


def organisation_name():
    """The charity's name; the field's default before any site exists."""
    if default_site() is None:
        return SiteSettings().organisation_name
    return site_settings().organisation_name
