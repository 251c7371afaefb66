from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ResultKind
from .query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """Lenient by design: bad input is trimmed or ignored, never an error page."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("", _("Everything")), *ResultKind.choices]
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and len(data.get("q", "")) > MAX_QUERY_LENGTH * 2:
            data["q"] = data["q"][: MAX_QUERY_LENGTH * 2]
        super().__init__(data, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "maxlength": MAX_QUERY_LENGTH})

    def search_arguments(self):
        """Query, type and page number, falling back to defaults for anything invalid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "raw_query": data.get("q", ""),
            "kind": data.get("type") or None,
            "page_number": data.get("page") or 1,
        }
