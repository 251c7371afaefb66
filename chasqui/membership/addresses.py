"""Postal addresses: which fields make one, the countries to choose from, and UK postcodes.

Forms, the member import, the exports, erasure and a member's data download all use these, so an
address is the same six fields everywhere and a UK postcode is checked and written one way.
"""

import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import Countries

UNITED_KINGDOM = "GB"
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "county", "postcode", "country")
# The lines of a home address as one text (without postcode and country), e.g. for Gift Aid.
ADDRESS_LINES = ("address_line_1", "address_line_2", "town", "county")
UK_POSTCODE_MESSAGE = _("Enter a UK postcode like SW1A 1AA.")
# What people write in a spreadsheet's country column for the United Kingdom.
UK_NAMES = {"uk", "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland"}


class AddressCountries(Countries):
    """ISO 3166 countries in the reader's language, the United Kingdom first."""

    first = [UNITED_KINGDOM]
    first_repeat = False
    first_break = None


countries = AddressCountries()


def country_choices():
    """(code, name) pairs for a form's country list, named in the active language."""
    return [(code, name) for code, name in countries]


def country_name(code):
    return countries.name(code) or code


def is_country_code(code):
    return code in countries


def country_from_text(text):
    """The ISO code for a code or an English name typed in a spreadsheet ("PE", "Peru", "UK"), or None."""
    text = (text or "").strip()
    if text.upper() == "UK" or text.lower() in UK_NAMES:
        return UNITED_KINGDOM
    if is_country_code(text.upper()):
        return text.upper()
    with translation.override("en"):
        return countries.by_name(text) or None


def one_line(parts, separator=", "):
    return separator.join(part for part in parts if part)


# UK postcodes: recognised and written the way Royal Mail does ("sw1a1aa" → "SW1A 1AA").
# Outward code (area, district) then inward code (sector, unit), with the letters Royal Mail
# allows in each position; plus the special GIR 0AA.
_OUTWARD = (
    r"[A-PR-UWYZ][0-9]{1,2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y]"
)
_UK_POSTCODE = re.compile(rf"^(?:(?P<outward>{_OUTWARD})(?P<inward>[0-9][ABD-HJLNP-UW-Z]{{2}})|GIR0AA)$")


def normalise_uk_postcode(value):
    """The postcode in standard form, or None when it cannot be a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = _UK_POSTCODE.match(compact)
    if not match:
        return None
    if compact == "GIR0AA":
        return "GIR 0AA"
    return f"{match['outward']} {match['inward']}"


def is_uk_postcode(value):
    return normalise_uk_postcode(value) is not None


def validate_uk_postcode(value):
    """The postcode in standard form; a ValidationError with the one message when it is not one."""
    normalised = normalise_uk_postcode(value)
    if normalised is None:
        raise ValidationError(UK_POSTCODE_MESSAGE, code="uk_postcode")
    return normalised


def clean_address_postcode(form, cleaned, *, required):
    """A form's postcode check for a UK address: normalised in `cleaned`, or an error on the field."""
    postcode = (cleaned.get("postcode") or "").strip()
    if cleaned.get("country") != UNITED_KINGDOM:
        cleaned["postcode"] = postcode
        return
    if not postcode:
        if required:
            form.add_error("postcode", _("Enter your postcode."))
        return
    try:
        cleaned["postcode"] = validate_uk_postcode(postcode)
    except ValidationError as error:
        form.add_error("postcode", error)
