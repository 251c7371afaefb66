"""Wagtail's view restrictions, checked only when the site has one.

Wagtail looks for restrictions on every page it serves (the page's ancestors, then their
restrictions: two queries) and on every `.public()` listing (a third). Most sites restrict nothing,
so whether any restriction exists at all is kept in the cache, and while none does both answer
"none" without a query. A restricted page is exactly as protected as before: once one restriction
exists, Wagtail's own checks run unchanged.

The flag is safe under races: saving a restriction sets it to "some" at once (before the
transaction commits), and a request that counted none only stores its answer where nothing is
stored yet (`cache.add`), so it can never overwrite "some". Deleting one forgets the flag once the
deletion commits; a request racing with that can only store "some" again, which costs queries and
protects too much, never too little.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

FLAG_KEY = "chasqui:any-view-restriction"
FLAG_TIMEOUT = 3600

_wagtail_get_view_restrictions = Page.get_view_restrictions
_wagtail_private_q = PageQuerySet.private_q


def any_view_restriction():
    """True when some page (anywhere, on any site) has a view restriction."""
    flag = cache.get(FLAG_KEY)
    if flag is None:
        flag = PageViewRestriction.objects.exists()
        cache.add(FLAG_KEY, flag, timeout=FLAG_TIMEOUT)
    return flag


def get_view_restrictions(self):
    if not any_view_restriction():
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(self)


def private_q(self):
    if not any_view_restriction():
        return Q(pk__in=[])  # what Wagtail's own answers when no private section exists
    return _wagtail_private_q(self)


Page.get_view_restrictions = get_view_restrictions
PageQuerySet.private_q = private_q


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="chasqui_view_restriction_saved")
def restriction_saved(sender, raw=False, **kwargs):
    cache.set(FLAG_KEY, True, timeout=FLAG_TIMEOUT)
    # Set again once committed: a request that counted none meanwhile may have stored "none" (before
    # the set above, through `add`, which the set above then replaced; this is belt and braces).
    transaction.on_commit(lambda: cache.set(FLAG_KEY, True, timeout=FLAG_TIMEOUT))


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="chasqui_view_restriction_deleted")
def restriction_deleted(sender, **kwargs):
    transaction.on_commit(lambda: cache.delete(FLAG_KEY))
