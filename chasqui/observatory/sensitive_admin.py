"""Sensitive values in the admin: only editors with the sensitive-data permission see them.

On a sensitive record an editor without the permission gets neither the exact values in the edit
form (the fields are dropped from it, so saving keeps what is stored) nor in the revision comparison;
the form shows the public values in their place, read-only. Child rows (an incident's sources) are
withheld the same way: their formset is dropped and a note says how many there are. The model names
the fields and child relations concerned in `sensitive_fields`; `withheld_fields` is the one rule
deciding when they are withheld.
"""

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel

from chasqui.core.page_form import CheckedPageForm

from .choices import DatePrecision
from .public import coarsen

SENSITIVE_PERMISSION = "observatory.view_sensitive_data"


def can_see_sensitive_data(user):
    return bool(user and user.is_active and user.has_perm(SENSITIVE_PERMISSION))


def withheld_fields(instance, user):
    """The fields of `instance` that `user` may neither see nor change: none unless it is sensitive."""
    if instance is None or not getattr(instance, "is_sensitive", False) or can_see_sensitive_data(user):
        return ()
    return tuple(getattr(instance, "sensitive_fields", ()))


class SensitiveRecordForm(CheckedPageForm):
    """Leaves out the withheld fields and child rows, so their stored values are neither shown nor
    overwritten: without its formset, saving carries the rows over from the revision untouched."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name in withheld_fields(self.instance, for_user):
            self.fields.pop(name, None)
            self.formsets.pop(name, None)


def public_month(field_name):
    def shown(record):
        value = getattr(record, field_name)
        return formats.date_format(value.replace(day=1), "F Y") if value else "—"

    return shown


def public_coordinate(field_name):
    def shown(record):
        value = getattr(record, field_name)
        return f"~ {coarsen(value)}" if value is not None else "—"

    return shown


PUBLIC_VALUE_HELP = _(
    "The public value: the exact one is shown only to editors allowed to see sensitive data."
)


def withheld_value(record):
    return _("Withheld")


def marked_sensitive(record):
    return _("Yes: only editors allowed to see sensitive data can change this.")


def public_precision(record):
    """A sensitive incident's date is public to the month only, whatever is known of it."""
    return capfirst(DatePrecision.MONTH.label)


class WithheldFieldPanel(FieldPanel):
    """A field that editors without the permission see only as `public_value(record)`, on a sensitive
    record, and that the revision comparison then leaves out."""

    def __init__(self, field_name, public_value=withheld_value, public_help=PUBLIC_VALUE_HELP, **kwargs):
        super().__init__(field_name, **kwargs)
        self.public_value = public_value
        self.public_help = public_help  # None: the field's own help text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "public_value": self.public_value, "public_help": self.public_help}

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            user = getattr(self.request, "user", None)
            self.withheld = self.field_name in withheld_fields(self.instance, user)
            if self.withheld and self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                public_help = self.panel.public_help
                self.help_text = self.panel.db_field.help_text if public_help is None else public_help

        @property
        def value_from_instance(self):
            if self.withheld:
                return self.panel.public_value(self.instance)
            return getattr(self.instance, self.field_name)

        def get_comparison(self):
            return [] if self.withheld else super().get_comparison()


class WithheldInlinePanel(InlinePanel):
    """Child rows that editors without the permission see, on a sensitive record, only as
    `note(count)` (how many rows there are), and that the revision comparison then leaves out."""

    def __init__(self, relation_name, note, **kwargs):
        super().__init__(relation_name, **kwargs)
        self.note = note

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "note": self.note}

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if self.relation_name in withheld_fields(instance, getattr(request, "user", None)):
            return WithheldRows(panel=self, instance=instance, request=request, form=form, prefix=prefix)
        return super().get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)


class WithheldRows(Panel.BoundPanel):
    template_name = "observatory/admin/withheld_rows.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        count = getattr(self.instance, self.panel.relation_name).count() if self.instance else 0
        context["note"] = self.panel.note(count)
        return context

    def get_comparison(self):
        return []
