"""Membership numbers: taken from a sequence that only goes up, so none is ever issued twice."""

from django.db.models import F

from .models import NumberSequence
from .organisation import membership_settings

SEQUENCE_NAME = "membership"


def next_membership_number():
    """Take the next number from the sequence; a number once taken is never handed out again."""
    sequence, _ = NumberSequence.objects.get_or_create(name=SEQUENCE_NAME)
    NumberSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + 1)
    sequence.refresh_from_db()
    return membership_settings().format_number(sequence.last_value)


def reserve_membership_number(value):
    """Make sure the sequence never issues `value` (used when importing existing numbers)."""
    sequence, _ = NumberSequence.objects.get_or_create(name=SEQUENCE_NAME)
    NumberSequence.objects.filter(pk=sequence.pk, last_value__lt=value).update(last_value=value)
