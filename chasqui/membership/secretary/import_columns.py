"""The columns of a member import file: the headings spreadsheets use for each, and how their
values are written. The member export writes the same columns, so an exported file imports again."""

import csv
import io
import re

from ..choices import PaymentMethod

# Canonical column → the headings spreadsheets use for it (compared case- and punctuation-blind).
COLUMNS = {
    "number": ["membership no", "membership number", "member no", "member number", "number", "no"],
    "title": ["title"],
    "first_name": ["forename", "first name", "firstname", "given name"],
    "last_name": ["surname", "last name", "lastname", "family name"],
    "email": ["email", "e-mail", "email address"],
    "address_line_1": ["address 1", "address line 1", "address1", "address"],
    "address_line_2": ["address 2", "address line 2", "address2"],
    "town": ["town", "city", "town or city", "town/city"],
    "county": ["county", "region", "county or region"],
    "postcode": ["postcode", "post code", "postal code"],
    "country": ["country"],
    "plan": ["plan", "membership type", "membership plan", "type"],
    "joined_on": ["joined", "date joined", "join date", "joined on"],
    "expires_on": ["expires", "expiry", "expiry date", "expires on", "renewal date"],
    "payment_method": ["payment method", "method", "pays by", "payment"],
    "gift_aid": ["gift aid", "giftaid"],
    "gift_aid_date": ["gift aid date", "declaration date", "gift aid declared"],
    "bulletin": ["bulletin", "newsletter", "bulletin by email"],
}
REQUIRED_COLUMNS = ["number", "first_name", "last_name", "email", "plan"]
COLUMN_LABELS = {
    "number": "Membership No",
    "title": "Title",
    "first_name": "Forename",
    "last_name": "Surname",
    "email": "Email",
    "address_line_1": "Address 1",
    "address_line_2": "Address 2",
    "town": "Town",
    "county": "County",
    "postcode": "Postcode",
    "country": "Country",
    "plan": "Plan",
    "joined_on": "Joined",
    "expires_on": "Expires",
    "payment_method": "Payment method",
    "gift_aid": "Gift Aid",
    "gift_aid_date": "Gift Aid date",
    "bulletin": "Bulletin",
}
TEMPLATE_HEADER = list(COLUMN_LABELS.values())

PAYMENT_METHODS = {
    "so": PaymentMethod.STANDING_ORDER,
    "sto": PaymentMethod.STANDING_ORDER,
    "standing order": PaymentMethod.STANDING_ORDER,
    "standing_order": PaymentMethod.STANDING_ORDER,
    "bank transfer": PaymentMethod.STANDING_ORDER,
    "bank": PaymentMethod.STANDING_ORDER,
    "bacs": PaymentMethod.STANDING_ORDER,
    "cheque": PaymentMethod.CHEQUE,
    "check": PaymentMethod.CHEQUE,
    "chq": PaymentMethod.CHEQUE,
    "card": PaymentMethod.CARD,
    "card once a year": PaymentMethod.CARD,
    "card subscription": PaymentMethod.CARD_SUBSCRIPTION,
    "card_subscription": PaymentMethod.CARD_SUBSCRIPTION,
    "recurring card": PaymentMethod.CARD_SUBSCRIPTION,
}
YES = {"yes", "y", "true", "1", "x", "✓"}
NO = {"no", "n", "false", "0", ""}


def normalise_heading(text):
    return re.sub(r"[\s_.:]+", " ", (text or "").strip().lower()).strip()


ALIASES = {normalise_heading(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def template_csv():
    """An empty file with the documented header, for the secretary to fill in."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(TEMPLATE_HEADER)
    return buffer.getvalue()
