"""The audit trail of what staff do with members' data: every view, edit, payment, export, import,
Gift Aid claim and erasure leaves one entry in Wagtail's log (see chasqui/core/audit.py), shown in
the member's history and in Reports → Site history.

Entries about one member are logged on the member, so their history holds them and erasure finds
them; entries about many members (an export, an import) are logged on the members' content type.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from chasqui.core import audit

from ..choices import PaymentMethod
from ..models import Member, format_pence, model_field

MEMBER_VIEW = "chasqui.member.view"
MEMBER_EDIT = "chasqui.member.edit"
MEMBER_ERASE = "chasqui.member.erase"
PAYMENT_RECORD = "chasqui.payment.record"
MEMBERS_EXPORT = "chasqui.members.export"
MEMBERS_IMPORT = "chasqui.members.import"
GIFT_AID_CLAIM = "chasqui.gift_aid.claim"
GIFT_AID_SUBMIT = "chasqui.gift_aid.submit"
GIFT_AID_WITHDRAW = "chasqui.gift_aid.withdraw"
GIFT_AID_EXPORT = "chasqui.gift_aid.export"

# Free text may hold anything (health, family): the trail says it changed, not what it says.
UNRECORDED_VALUES = {"notes"}
CHANGED = "(changed)"
# Keys whose values are personal data of the member: erasure blanks them whatever they hold.
PERSONAL_KEYS = {*Member.CONTACT_FIELDS, "notes", "name", "email", "address", "postcode"}
# Shown of a payment reference: enough to find it on a bank statement, not the name inside it.
REFERENCE_SHOWN = 4
SEARCH_PARAMETERS = {"q", "search"}


def erased_label(member):
    return f"erased member #{member.pk}"


def members_subject():
    """What an entry about many members is logged on: the members' content type."""
    return ContentType.objects.get_for_model(Member)


def masked_reference(reference):
    reference = (reference or "").strip()
    if len(reference) <= REFERENCE_SHOWN:
        return "…" if reference else ""
    return "…" + reference[-REFERENCE_SHOWN:]


# Writing entries ----------------------------------------------------------------------------


def member_viewed(request, member):
    return audit.log(member, MEMBER_VIEW, request=request)


def member_edited(request, member, changes):
    """The changed fields, old → new (free text only as changed)."""
    recorded = {
        name: [CHANGED, CHANGED] if name in UNRECORDED_VALUES else values for name, values in changes.items()
    }
    return audit.log(member, MEMBER_EDIT, request=request, data={"changes": recorded})


def payment_recorded(request, payment):
    data = {
        "payment": payment.pk,
        "amount_pence": payment.amount_pence,
        "paid_on": payment.paid_on.isoformat(),
        "method": payment.method,
        "reference": masked_reference(payment.reference),
    }
    return audit.log(payment.member, PAYMENT_RECORD, request=request, data=data)


def members_exported(request, count):
    """Which list was exported, by its filters; what was typed in the search box may be a name."""
    filters = {
        key: request.GET.getlist(key)
        for key in request.GET
        if key not in SEARCH_PARAMETERS and key != "export" and any(request.GET.getlist(key))
    }
    searched = any(request.GET.get(key) for key in SEARCH_PARAMETERS)
    data = {"count": count, "format": "csv", "filters": filters, "searched": searched}
    return audit.log(members_subject(), MEMBERS_EXPORT, request=request, data=data, title=_("Members"))


def members_imported(request, result, source_name):
    data = {
        "file": source_name,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    return audit.log(members_subject(), MEMBERS_IMPORT, request=request, data=data, title=_("Members"))


def claim_logged(request, claim, action, **data):
    data = {
        "claim": claim.pk,
        "start": claim.start.isoformat(),
        "end": claim.end.isoformat(),
        "status": claim.status,
        "payment_count": claim.payment_count,
        "total_pence": claim.total_pence,
        **data,
    }
    return audit.log(claim, action, request=request, data=data)


def member_erased(member, scrub, *, actor=None):
    """Scrub the member's entries of their name, email and address, then log the erasure itself.

    `scrub` removes the member's personal values from text; fields that were personal lose their
    values whatever they were (an old address in an edit is not the current one)."""
    label = erased_label(member)
    audit.scrub_entries(audit.entries_for(member), label=label, scrub=scrub, personal_keys=PERSONAL_KEYS)
    return audit.log(member, MEMBER_ERASE, user=actor, title=label, data={"member": member.pk})


# How entries read in the admin --------------------------------------------------------------


class AuditFormatter(LogFormatter):
    """A fixed message, followed by where the action came from when known."""

    def describe(self, log_entry):
        return self.message

    def format_message(self, log_entry):
        message = str(self.describe(log_entry))
        address = audit.address_of(log_entry)
        return (
            _("%(message)s (from %(address)s)") % {"message": message, "address": address}
            if address
            else message
        )


class EditFormatter(AuditFormatter):
    label = _("Edit member data")
    message = _("Edited")

    def describe(self, log_entry):
        names = []
        for name in (log_entry.data or {}).get("changes", {}):
            field = model_field(Member, name)
            names.append(str(field.verbose_name) if field else name.replace("_", " "))
        return _("Changed %(fields)s") % {"fields": ", ".join(names)} if names else self.message


class PaymentFormatter(AuditFormatter):
    label = _("Record payment")
    message = _("Payment recorded")

    def describe(self, log_entry):
        data = log_entry.data or {}
        if "amount_pence" not in data:
            return self.message
        method = PaymentMethod(data["method"]).label if data.get("method") in PaymentMethod.values else ""
        return _("Payment of %(amount)s recorded (%(method)s)") % {
            "amount": format_pence(data["amount_pence"]),
            "method": method,
        }


class CountFormatter(AuditFormatter):
    """An export or import, with how many members it held."""

    def describe(self, log_entry):
        data = log_entry.data or {}
        if "count" in data:
            return _("Exported %(count)d members as CSV") % {"count": data["count"]}
        if "created" in data:
            return _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged") % data
        return self.message


def formatter(label, message, base=AuditFormatter):
    return type("ChasquiAuditFormatter", (base,), {"label": label, "message": message})


def register_actions(actions):
    """For the register_log_actions hook: labels for the filters, messages for the history."""
    formatters = {
        MEMBER_VIEW: formatter(_("View member data"), _("Viewed")),
        MEMBER_EDIT: EditFormatter,
        MEMBER_ERASE: formatter(_("Erase member"), _("Personal data erased")),
        PAYMENT_RECORD: PaymentFormatter,
        MEMBERS_EXPORT: formatter(_("Export members"), _("Members exported"), CountFormatter),
        MEMBERS_IMPORT: formatter(_("Import members"), _("Members imported"), CountFormatter),
        GIFT_AID_CLAIM: formatter(_("Prepare Gift Aid claim"), _("Gift Aid claim recorded")),
        GIFT_AID_SUBMIT: formatter(_("Submit Gift Aid claim"), _("Gift Aid claim marked as submitted")),
        GIFT_AID_WITHDRAW: formatter(_("Withdraw Gift Aid claim"), _("Gift Aid claim withdrawn")),
        GIFT_AID_EXPORT: formatter(_("Export Gift Aid schedule"), _("Gift Aid schedule downloaded")),
    }
    for action, formatter_class in formatters.items():
        actions.register_action(action)(formatter_class)
