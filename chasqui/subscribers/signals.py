"""Signals the mailing list sends, so apps above it can follow without being imported here."""

from django.dispatch import Signal

# An address was erased on request. Arguments: email (as it was), subscriber_id (or None) and
# scrub (a function that removes the person's details from a text). Receivers remove every copy
# of the address they hold (the newsletter's delivery records).
address_erased = Signal()
