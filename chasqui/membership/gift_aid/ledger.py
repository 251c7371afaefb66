"""The claim ledger: each Gift Aid claim is recorded with its payments, so none is claimed twice.

Recording, submitting and withdrawing are each one transaction. A payment belongs to at most one
live claim (a database constraint); withdrawing a claim releases its payments for a later claim.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..choices import ClaimStatus
from ..models import GiftAidClaim, GiftAidClaimLine, Payment
from .claim import gift_aid_claim


class NothingToClaim(Exception):
    """No payment in the period is both covered by a declaration and unclaimed."""


class ClaimStatusError(Exception):
    """The claim cannot move to that status (e.g. a withdrawn claim cannot be submitted)."""


def record_claim(start, end, request_key, user=None):
    """Record the claim for the period as it stands now; the same `request_key` twice gives the
    claim already recorded, so a double-submitted form records one claim. Returns (claim, created)."""
    existing = GiftAidClaim.objects.filter(request_key=request_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _record(start, end, request_key, user), True
    except IntegrityError:
        # A concurrent submission of the same form, or of a claim taking the same payments.
        existing = GiftAidClaim.objects.filter(request_key=request_key).first()
        if existing is None:
            raise
        return existing, False


def _record(start, end, request_key, user):
    # Lock the period's payments so two claims prepared at once cannot both take one payment.
    list(Payment.objects.between(start, end).select_for_update().values_list("pk", flat=True))
    preview = gift_aid_claim(start, end)
    if not preview.claimed_payments:
        raise NothingToClaim
    claim = GiftAidClaim.objects.create(
        start=start,
        end=end,
        payment_count=len(preview.claimed_payments),
        total_pence=preview.total_pence,
        request_key=request_key,
        created_by=user,
    )
    GiftAidClaimLine.objects.bulk_create(
        GiftAidClaimLine(claim=claim, payment=payment) for payment in preview.claimed_payments
    )
    return claim


def claim_schedule(claim):
    """The schedule of a recorded claim: its own payments, with the members' details as they are now."""
    payments = list(claim.payments.select_related("member").order_by("paid_on", "pk"))
    return gift_aid_claim(claim.start, claim.end, payments=payments)


@transaction.atomic
def mark_submitted(claim, user=None, hmrc_reference=""):
    claim = GiftAidClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status == ClaimStatus.SUBMITTED:
        return claim
    if claim.status != ClaimStatus.PREPARED:
        raise ClaimStatusError
    claim.status = ClaimStatus.SUBMITTED
    claim.hmrc_reference = hmrc_reference.strip()
    _stamp(claim, user)
    claim.save(update_fields=["status", "hmrc_reference", "status_changed_at", "status_changed_by"])
    return claim


@transaction.atomic
def withdraw(claim, user=None):
    """The claim no longer stands (not sent, or withdrawn with HMRC): its payments may be claimed again."""
    claim = GiftAidClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status == ClaimStatus.WITHDRAWN:
        return claim
    claim.status = ClaimStatus.WITHDRAWN
    _stamp(claim, user)
    claim.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    claim.lines.update(released=True)
    return claim


def _stamp(claim, user):
    claim.status_changed_at = timezone.now()
    claim.status_changed_by = user


def claim_status_by_payment(payment_ids):
    """{payment id: the live claim holding it}, for showing on payments lists."""
    lines = GiftAidClaimLine.objects.filter(payment_id__in=payment_ids, released=False).select_related(
        "claim"
    )
    return {line.payment_id: line.claim for line in lines}
