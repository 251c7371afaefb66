"""UK postcodes: recognise and write them the way Royal Mail does ("sw1a1aa" → "SW1A 1AA")."""

import re

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
