"""Checking one row of a member import: each cell becomes a Member field value or an error."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from chasqui.core.csvkit import parse_cell_date
from chasqui.core.imports import RowError

from ..addresses import UNITED_KINGDOM, country_from_text, validate_uk_postcode
from ..choices import PaymentMethod
from ..member_calendar import status_by_date
from ..models import Member, model_field
from .import_columns import COLUMN_LABELS, NO, PAYMENT_METHODS, YES, normalise_heading

TEXT_FIELDS = ["title", "first_name", "last_name", "address_line_1", "address_line_2", "town", "county"]
MAX_LENGTHS = {name: model_field(Member, name).max_length for name in ["number", *TEXT_FIELDS, "postcode"]}


def not_a_date(value):
    return _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": value}


@dataclass
class ImportRow:
    row: int
    number: str
    number_value: int
    fields: dict
    gift_aid: bool | None
    gift_aid_date: datetime.date | None


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    declarations_added: int = 0
    declarations_cancelled: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def is_valid(self):
        return not self.errors


class RowChecker:
    """Turns one row's cells into Member field values; errors go to the import's result."""

    def __init__(self, result, *, plans, today, grace_days):
        self.result = result
        self.plans = plans
        self.today = today
        self.grace_days = grace_days

    def error(self, row, column, message):
        self.result.errors.append(RowError(row, COLUMN_LABELS.get(column, column), message))

    def check_row(self, line, values):
        """An ImportRow, or None when the row has errors (which are collected, not raised)."""
        errors_before = len(self.result.errors)
        fields = {}
        number_match = self.check_number(line, values["number"])
        self.check_texts(line, values, fields)
        self.check_email(line, values["email"], fields)
        country = self.check_country(line, values, fields)
        self.check_postcode(line, values, country, fields)
        self.check_plan(line, values["plan"], fields)
        self.check_payment_method(line, values, fields)
        self.check_dates(line, values, fields)
        if "bulletin" in values:
            fields["bulletin_consent"] = bool(self.yes_no(line, "bulletin", values["bulletin"]))
        gift_aid, gift_aid_date = self.check_gift_aid(line, values, fields)
        if len(self.result.errors) > errors_before:
            return None
        number = values["number"]
        return ImportRow(line, number, int(number_match.group(1)), fields, gift_aid, gift_aid_date)

    def check_number(self, line, number):
        match = re.search(r"(\d+)\D*$", number)
        if not number:
            self.error(line, "number", _("A membership number is needed."))
        elif not match:
            self.error(line, "number", _("“%(value)s” has no digits.") % {"value": number})
        return match

    def check_texts(self, line, values, fields):
        for name in TEXT_FIELDS:
            if name not in values:
                continue
            value = values[name]
            if len(value) > MAX_LENGTHS[name]:
                self.error(line, name, _("Longer than %(max)d characters.") % {"max": MAX_LENGTHS[name]})
            fields[name] = value
        if len(values["number"]) > MAX_LENGTHS["number"]:
            self.error(line, "number", _("Longer than %(max)d characters.") % {"max": MAX_LENGTHS["number"]})
        for name in ["first_name", "last_name"]:
            if not values[name]:
                self.error(line, name, _("This is needed."))

    def check_email(self, line, email, fields):
        try:
            validate_email(email)
        except ValidationError:
            self.error(line, "email", _("“%(value)s” is not an email address.") % {"value": email})
        fields["email"] = email

    def check_country(self, line, values, fields):
        """The row's country code (the United Kingdom when the cell is empty or missing)."""
        country = UNITED_KINGDOM
        if values.get("country"):
            country = country_from_text(values["country"])
            if not country:
                self.error(line, "country", _("Unknown country “%(value)s”.") % {"value": values["country"]})
        if "country" in values:
            fields["country"] = country or UNITED_KINGDOM
        return country

    def check_postcode(self, line, values, country, fields):
        if "postcode" not in values:
            return
        postcode = values["postcode"]
        if postcode and country == UNITED_KINGDOM:
            try:
                postcode = validate_uk_postcode(postcode)
            except ValidationError as error:
                self.error(line, "postcode", error.messages[0])
        if len(postcode) > MAX_LENGTHS["postcode"]:
            self.error(line, "postcode", _("Too long."))
        fields["postcode"] = postcode

    def check_plan(self, line, plan_text, fields):
        plan = self.plans.get(plan_text.lower())
        if plan is None:
            self.error(line, "plan", _("No plan called “%(value)s”.") % {"value": plan_text})
        else:
            fields["plan_id"] = plan.pk

    def check_payment_method(self, line, values, fields):
        if "payment_method" not in values:
            return
        raw = values["payment_method"]
        method = PAYMENT_METHODS.get(normalise_heading(raw)) if raw else PaymentMethod.STANDING_ORDER
        if method is None:
            self.error(
                line,
                "payment_method",
                _("“%(value)s” is not a payment method (use SO, cheque, card).") % {"value": raw},
            )
        fields["payment_method"] = method

    def check_dates(self, line, values, fields):
        """Joined and expiry dates, and the status the member calendar gives the expiry date."""
        for name in ["joined_on", "expires_on"]:
            if values.get(name):
                parsed = parse_cell_date(values[name])
                if parsed is None:
                    self.error(line, name, not_a_date(values[name]))
                fields[name] = parsed
            elif name == "expires_on":
                fields[name] = None
        joined_on, expires_on = fields.get("joined_on"), fields.get("expires_on")
        if joined_on and expires_on and expires_on < joined_on:
            self.error(line, "expires_on", _("Expires before the member joined."))
        fields["status"] = status_by_date(fields.get("expires_on"), self.today, self.grace_days)

    def check_gift_aid(self, line, values, fields):
        """(declared?, declaration date): None when the file has no Gift Aid column."""
        if "gift_aid" not in values:
            return None, None
        gift_aid = self.yes_no(line, "gift_aid", values["gift_aid"])
        gift_aid_date = None
        raw_date = values.get("gift_aid_date", "")
        if raw_date:
            gift_aid_date = parse_cell_date(raw_date)
            if gift_aid_date is None:
                self.error(line, "gift_aid_date", not_a_date(raw_date))
        if gift_aid:
            if not fields.get("address_line_1") or not fields.get("postcode"):
                self.error(line, "gift_aid", _("Gift Aid needs the home address and postcode."))
            gift_aid_date = gift_aid_date or fields.get("joined_on") or self.today
        return gift_aid, gift_aid_date

    def yes_no(self, line, column, value):
        lowered = value.strip().lower()
        if lowered in YES:
            return True
        if lowered in NO:
            return False
        self.error(line, column, _("Write yes or no, not “%(value)s”.") % {"value": value})
        return None
