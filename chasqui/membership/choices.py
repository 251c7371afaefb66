"""The vocabularies of membership: statuses, payment methods and sources, reminders, history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending payment")
    ACTIVE = "active", _("Active")
    GRACE = "grace", _("Expired, in grace period")
    LAPSED = "lapsed", _("Lapsed")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentMethod(models.TextChoices):
    """How a member pays their subscription."""

    CARD = "card", _("Card, once a year")
    CARD_SUBSCRIPTION = "card_subscription", _("Card, renewing automatically each year")
    STANDING_ORDER = "standing_order", _("Standing order or bank transfer")
    CHEQUE = "cheque", _("Cheque")

    @classmethod
    def offline(cls):
        """Methods the membership secretary records by hand."""
        return [cls.STANDING_ORDER, cls.CHEQUE]

    @property
    def is_card(self):
        return self in (PaymentMethod.CARD, PaymentMethod.CARD_SUBSCRIPTION)


class PaymentSource(models.TextChoices):
    STRIPE = "stripe", _("Stripe")
    OFFLINE = "offline", _("Recorded by the membership secretary")
    IMPORT = "import", _("Imported")


class ReminderKind(models.TextChoices):
    RENEW_30_DAYS = "renew_30", _("Renewal due in 30 days")
    RENEW_7_DAYS = "renew_7", _("Renewal due in 7 days")
    LAPSED = "lapsed", _("Membership lapsed")
    CARD_CHARGE_NOTICE = "card_notice", _("Card will be charged soon")


class DeclarationSource(models.TextChoices):
    JOIN_FORM = "join_form", _("Join form")
    MEMBER_AREA = "member_area", _("Members' area")
    IMPORT = "import", _("Imported")
    PAPER = "paper", _("Paper form, entered by the secretary")


class ClaimStatus(models.TextChoices):
    """Where a Gift Aid claim stands; a withdrawn claim releases its payments for a later claim."""

    PREPARED = "prepared", _("Prepared, not yet submitted")
    SUBMITTED = "submitted", _("Submitted to HMRC")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MemberAction(models.TextChoices):
    """What a line of a member's history records; one name per kind of change."""

    JOINED = "joined", _("Joined")
    CREATED = "created", _("Added by the secretary")
    EDITED = "edit", _("Edited by the secretary")
    IMPORTED = "imported", _("Imported")
    IMPORT_CHANGED = "import", _("Changed by an import")
    STATUS = "status", _("Status changed")
    PAYMENT = "payment", _("Payment recorded")
    PAYMENT_FAILED = "payment_failed", _("Card payment failed")
    PLAN = "plan", _("Plan changed")
    NEXT_PLAN = "next_plan", _("Plan from next renewal")
    PAYMENT_METHOD = "payment_method", _("Payment method changed")
    ADDRESS = "address", _("Address changed")
    EMAIL = "email", _("Email address changed")
    BULLETIN_CONSENT = "bulletin_consent", _("Bulletin consent changed")
    GIFT_AID_DECLARED = "gift_aid_declared", _("Gift Aid declared")
    GIFT_AID_CANCELLED = "gift_aid_cancelled", _("Gift Aid cancelled")
    STRIPE_SUBSCRIPTION = "stripe_subscription", _("Card subscription")
    ERASED = "erased", _("Personal data erased")
