from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Pending confirmation")
    SUBSCRIBED = "subscribed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Complained")


class ConsentCause(models.TextChoices):
    """Why a subscriber's state changed: the consent ledger records one of these every time."""

    SIGN_UP_FORM = "sign_up_form", _("Signed up on the website")
    CONFIRMED = "confirmed", _("Confirmed by email")
    MEMBER_CONSENT = "member_consent", _("Consented when joining as a member")
    IMPORT = "import", _("Imported from a list")
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("Unsubscribed from an email link")
    ONE_CLICK = "one_click", _("One-click unsubscribe from the mail client")
    MEMBER_AREA = "member_area", _("Changed in the members' area")
    BOUNCE = "bounce", _("Mail bounced")
    COMPLAINT = "complaint", _("Marked as spam")
    PROVIDER_UNSUBSCRIBE = "provider_unsubscribe", _("Unsubscribed through the mail provider")
    ADMIN = "admin", _("Changed by staff")
    EXPIRED = "expired", _("Not confirmed in time")
