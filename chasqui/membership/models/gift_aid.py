"""Gift Aid: what members declared, and the ledger of claims made to HMRC on their payments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ClaimStatus, DeclarationSource


class GiftAidDeclaration(models.Model):
    """Exactly what a member declared, in which wording, and when; a cancellation is recorded, not deleted."""

    member = models.ForeignKey(
        "membership.Member", on_delete=models.PROTECT, related_name="gift_aid_declarations"
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    wording_version = models.CharField(_("wording version"), max_length=40)
    wording = models.TextField(_("wording as shown"))
    title = models.CharField(max_length=30, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    address = models.TextField(_("home address as declared"))
    postcode = models.CharField(max_length=20)
    source = models.CharField(_("source"), max_length=12, choices=DeclarationSource.choices)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_source = models.CharField(max_length=12, choices=DeclarationSource.choices, blank=True)

    class Meta:
        verbose_name = _("Gift Aid declaration")
        verbose_name_plural = _("Gift Aid declarations")
        ordering = ["-declared_at"]

    def __str__(self):
        return f"{self.member.number} {self.declared_at:%Y-%m-%d} ({self.wording_version})"

    def covers(self, paid_on):
        """An enduring declaration covers payments from four years before it until it is cancelled."""
        start = self.declared_at.date().replace(year=self.declared_at.year - 4)
        end = self.cancelled_at.date() if self.cancelled_at else None
        return paid_on >= start and (end is None or paid_on <= end)


class GiftAidClaimQuerySet(models.QuerySet):
    def live(self):
        """Claims that hold their payments: prepared or submitted, not withdrawn."""
        return self.exclude(status=ClaimStatus.WITHDRAWN)


class GiftAidClaim(models.Model):
    """One claim made to HMRC: its period, the payments in it, its totals, who made it and when.

    A payment is in at most one live claim (GiftAidClaimLine's constraint), so the same money
    cannot be claimed twice; withdrawing a claim releases its payments for a later one.
    """

    start = models.DateField(_("payments received from"))
    end = models.DateField(_("payments received until"))
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.PREPARED
    )
    payment_count = models.PositiveIntegerField(_("payments"))
    total_pence = models.PositiveIntegerField(_("total donations (pence)"))
    payments = models.ManyToManyField(
        "membership.Payment", through="GiftAidClaimLine", related_name="gift_aid_claims"
    )
    # The preview page's token: pressing "Record this claim" twice records one claim.
    request_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("prepared at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hmrc_reference = models.CharField(
        _("HMRC reference"),
        max_length=100,
        blank=True,
        help_text=_("The submission reference HMRC gives, if any."),
    )

    objects = GiftAidClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gift Aid claim")
        verbose_name_plural = _("Gift Aid claims")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Gift Aid claim {self.pk}: {self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"


class GiftAidClaimLine(models.Model):
    """One payment in one claim; `released` once the claim is withdrawn."""

    claim = models.ForeignKey(GiftAidClaim, on_delete=models.PROTECT, related_name="lines")
    payment = models.ForeignKey(
        "membership.Payment", on_delete=models.PROTECT, related_name="gift_aid_claim_lines"
    )
    released = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["payment"], condition=Q(released=False), name="payment_in_one_live_claim"
            )
        ]

    def __str__(self):
        return f"payment {self.payment_id} in claim {self.claim_id}"
