"""Plans, members, their payments and Gift Aid declarations, and the trail of every change."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from chasqui.core.localized import LocalizedFieldsMixin

from ..addresses import ADDRESS_FIELDS, UNITED_KINGDOM
from ..choices import (
    MemberAction,
    MembershipStatus,
    PaymentMethod,
    PaymentSource,
    ReminderKind,
)
from .gift_aid import GiftAidClaim, GiftAidClaimLine, GiftAidDeclaration  # registered with the app here


@register_setting(icon="group")
class MembershipSettings(LocalizedFieldsMixin, BaseSiteSetting):
    """What the membership secretary sets once: numbering, grace period, where to send money."""

    localized_fields = ("cheque_address",)

    number_prefix = models.CharField(
        _("membership number prefix"), max_length=12, default="M-", help_text=_("For example PSG-.")
    )
    number_digits = models.PositiveSmallIntegerField(_("digits in the number"), default=5)
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"), default=30, help_text=_("How long after expiry a membership lapses.")
    )
    bank_account_name = models.CharField(_("account name"), max_length=120, blank=True)
    bank_sort_code = models.CharField(_("sort code"), max_length=8, blank=True)
    bank_account_number = models.CharField(_("account number"), max_length=12, blank=True)
    cheque_payable_to = models.CharField(_("cheques payable to"), max_length=120, blank=True)
    cheque_address = models.TextField(_("send cheques to"), blank=True)
    secretary_email = models.EmailField(_("membership secretary's email"), blank=True)
    cheque_address_es = models.TextField(
        _("send cheques to (in Spanish)"),
        blank=True,
        help_text=_("The address as Spanish readers see it. Empty: the English one."),
    )

    general_panels = [
        MultiFieldPanel(
            [FieldPanel("number_prefix"), FieldPanel("number_digits"), FieldPanel("grace_days")],
            heading=_("Membership"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("bank_account_name"),
                FieldPanel("bank_sort_code"),
                FieldPanel("bank_account_number"),
            ],
            heading=_("Standing orders and bank transfers"),
        ),
        MultiFieldPanel(
            [FieldPanel("cheque_payable_to"), FieldPanel("cheque_address")], heading=_("Cheques")
        ),
        FieldPanel("secretary_email"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(general_panels, heading=_("Settings")),
            ObjectList([FieldPanel("cheque_address_es")], heading=_("Spanish")),
        ]
    )

    class Meta:
        verbose_name = _("membership settings")

    def format_number(self, value):
        return f"{self.number_prefix}{value:0{self.number_digits}d}"


class NumberSequence(models.Model):
    """A counter that only goes up, so a membership number is never issued twice."""

    name = models.CharField(max_length=40, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.last_value}"


class PlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Plan(LocalizedFieldsMixin, models.Model):
    """A membership plan; readers see `.localized` name, description and audience."""

    localized_fields = ("name", "description", "audience")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("who it is for"), max_length=200, blank=True)
    name_es = models.CharField(_("name in Spanish"), max_length=80, blank=True)
    description_es = models.TextField(_("description in Spanish"), blank=True)
    audience_es = models.CharField(_("who it is for, in Spanish"), max_length=200, blank=True)
    price_pence = models.PositiveIntegerField(_("yearly price (pence)"))
    is_active = models.BooleanField(_("open to new members"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PlanQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("price_pence"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["sort_order", "price_pence"]

    def __str__(self):
        return self.localized.name

    @property
    def price_pounds(self):
        return format_pence(self.price_pence)


def format_pence(pence):
    """£25 for whole pounds, £12.50 otherwise."""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" if not rest else f"£{pounds:,}.{rest:02d}"


class MemberQuerySet(models.QuerySet):
    def current(self):
        """Members whose membership counts today (active or in their grace period)."""
        return self.filter(status__in=[MembershipStatus.ACTIVE, MembershipStatus.GRACE])

    def expiring_between(self, start, end):
        return self.filter(expires_on__gte=start, expires_on__lte=end)

    def not_erased(self):
        return self.filter(erased_at__isnull=True)


class Member(models.Model):
    # Who the member is and where they live: what a join form, an import and a data download share.
    CONTACT_FIELDS = ("title", "first_name", "last_name", "email", *ADDRESS_FIELDS)

    number = models.CharField(_("membership number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=30, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), unique=True)
    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    county = models.CharField(_("county or region"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default=UNITED_KINGDOM, help_text=_("ISO 3166 code")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="members", verbose_name=_("plan"))
    next_plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("plan from next renewal"),
    )
    payment_method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    joined_on = models.DateField(_("joined"), default=datetime.date.today)
    expires_on = models.DateField(_("expires"), null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # The member's own answer to "send me the bulletin" (on joining, in the members' area or an
    # import). Whether bulletins actually go to the address is the mailing list's to say:
    # subscribers.services.is_receiving_address.
    bulletin_consent = models.BooleanField(_("consented to the bulletin"), default=False)

    stripe_customer_id = models.CharField(max_length=64, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=64, blank=True, db_index=True)

    notes = models.TextField(_("secretary's notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # Raised by "sign out everywhere": a session signed in under an older value no longer counts.
    session_generation = models.PositiveIntegerField(default=0)
    # Set after too many wrong sign-in codes in a day: codes and links do not work until then.
    sign_in_locked_until = models.DateTimeField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["last_name", "first_name", "number"]
        indexes = [models.Index(fields=["status", "expires_on"], name="member_status_expiry")]

    def __str__(self):
        return f"{self.number} {self.full_name}"

    @property
    def full_name(self):
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    @property
    def is_uk(self):
        return self.country == UNITED_KINGDOM

    @property
    def house_name_or_number(self):
        """What HMRC's Gift Aid schedule wants: the first part of the first address line."""
        first_line = self.address_line_1.strip()
        head = first_line.split(",")[0].strip()
        words = head.split()
        if words and any(ch.isdigit() for ch in words[0]):
            return words[0]
        return head

    @property
    def active_gift_aid_declaration(self):
        return self.gift_aid_declarations.filter(cancelled_at__isnull=True).order_by("-declared_at").first()


class PaymentQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(paid_on__gte=start, paid_on__lte=end)


class Payment(models.Model):
    """Money received. Kept (anonymised with the member) even after erasure: the accounts need it."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    amount_pence = models.PositiveIntegerField(_("amount (pence)"))
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=PaymentSource.choices)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    # The same payment told twice (a replayed webhook, a double-clicked form, a re-imported file)
    # carries the same key and is recorded once.
    idempotency_key = models.CharField(max_length=200, unique=True)
    stripe_payment_id = models.CharField(max_length=100, blank=True, db_index=True)
    period_start = models.DateField(_("covers from"), null=True, blank=True)
    period_end = models.DateField(_("covers until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]

    def __str__(self):
        return f"{format_pence(self.amount_pence)} from {self.member.number} on {self.paid_on}"

    @property
    def amount_pounds(self):
        return format_pence(self.amount_pence)


class MemberEvent(models.Model):
    """History: who changed what on a member, and when."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(
        max_length=60, blank=True, help_text=_("Who acted when not a staff user: member, Stripe, system")
    )
    action = models.CharField(max_length=60, choices=MemberAction.choices)
    changes = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.member_id} {self.action} at {self.at:%Y-%m-%d %H:%M}"


class Reminder(models.Model):
    """One reminder of a kind per membership period, however often the daily task runs."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    period_expires_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "period_expires_on"], name="one_reminder_per_kind_per_period"
            )
        ]

    def __str__(self):
        return f"{self.member_id} {self.kind} {self.period_expires_on}"


class StripeEvent(models.Model):
    """Each Stripe event id processed once: a replay finds its row and changes nothing."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(default=dict)
    outcome = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.event_id} {self.type}"


class SignInCodeQuerySet(models.QuerySet):
    def finished(self, now):
        """Codes that can no longer be used (used or expired) and no longer count towards a lock."""
        return self.filter(models.Q(used_at__isnull=False) | models.Q(expires_at__lte=now))


class SignInCode(models.Model):
    """A one-time code (and link) for the members' area; only their hashes are stored.

    A new code ends the earlier ones without deleting them: their wrong guesses still count
    towards the day's limit."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=128)
    # The link carries its own random secret, not the code; blank for codes sent without a link.
    link_hash = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    objects = SignInCodeQuerySet.as_manager()

    def __str__(self):
        return f"sign-in code for {self.member_id}"


def model_field(model, name):
    """The concrete field `name` of `model` (read from its class attribute), or None."""
    field = getattr(getattr(model, name, None), "field", None)
    return field if field is not None and field.model is model and field.name == name else None


def model_options(model):
    """A model's options (table, fields), through its default manager's query."""
    return model.objects.none().query.get_meta()


def table_name(model):
    """The model's database table, for the few set-based statements written by hand."""
    return model_options(model).db_table


__all__ = [
    "GiftAidClaim",
    "GiftAidClaimLine",
    "GiftAidDeclaration",
    "Member",
    "MemberEvent",
    "MembershipSettings",
    "NumberSequence",
    "Payment",
    "Plan",
    "Reminder",
    "SignInCode",
    "StripeEvent",
    "format_pence",
    "model_field",
    "model_options",
    "table_name",
]
