"""The admin's page form: the page's own checks (`clean()`, and the content checks it runs) see the
child rows the editor submitted, not the stored ones.

Django validates a form's model before its inline formsets, so a check reading the page's sources,
say, would find the rows from before the edit. Here each valid formset's rows are put on the page,
in memory, first: as saving will, in the editor's order, without those marked for deletion.
"""

from wagtail.admin.forms import WagtailAdminPageForm

# Editors' comments are not page content: Wagtail keeps them itself.
LEFT_OUT_FORMSETS = frozenset({"comments"})


def submitted_rows(formset):
    """The rows a valid child formset will leave on the page, in order; None if it is not valid."""
    if not formset.is_valid():
        return None
    if formset.can_order:
        return [form.instance for form in formset.ordered_forms]
    initial = formset.initial_form_count()
    deleted = {id(form) for form in formset.deleted_forms} if formset.can_delete else set()
    return [
        form.instance
        for index, form in enumerate(formset.forms)
        if (index < initial or form.has_changed()) and id(form) not in deleted
    ]


class CheckedPageForm(WagtailAdminPageForm):
    def _post_clean(self):
        for name, formset in self.formsets.items():
            rows = None if name in LEFT_OUT_FORMSETS else submitted_rows(formset)
            if rows is not None:
                getattr(self.instance, formset.rel_name).set(rows)
        super()._post_clean()
