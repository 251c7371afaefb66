from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .facets import FACETS
from .filter_lists import filter_lists
from .query import MAX_QUERY_LENGTH
from .types import search_types


class SearchForm(forms.Form):
    """Lenient by design: bad input is trimmed or ignored, never an error page.

    The topic, region and year lists come from the cache (see `filter_lists`): no queries
    once they have been read.
    """

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Show"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and len(data.get("q", "")) > MAX_QUERY_LENGTH * 2:
            data["q"] = data["q"][: MAX_QUERY_LENGTH * 2]
        super().__init__(data, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "maxlength": MAX_QUERY_LENGTH})
        self.fields["type"].choices = [
            ("", _("Everything")),
            *((search_type.kind, search_type.filter_label) for search_type in search_types()),
        ]
        lists = filter_lists()
        self.facet_tokens = {}
        for facet in FACETS:
            options = lists.options[facet.name]
            self.facet_tokens[facet.name] = {option.value: option.token for option in options}
            self.fields[facet.name] = forms.ChoiceField(
                label=facet.label,
                required=False,
                choices=[("", facet.any_label), *((option.value, option.label) for option in options)],
            )
        self.fields["year"].choices = [("", _("Any year")), *((str(y), str(y)) for y in lists.years)]
        self.order_fields(["q", "type", *(facet.name for facet in FACETS), "year", "page"])

    def search_arguments(self):
        """Query, filters and page number, falling back to defaults for anything invalid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        chosen = {facet.name: data.get(facet.name) or "" for facet in FACETS}
        return {
            "raw_query": data.get("q", ""),
            "kind": data.get("type") or None,
            "facets": [self.facet_tokens[name][value] for name, value in chosen.items() if value],
            "year": data.get("year"),
            "page_number": data.get("page") or 1,
            "params": {
                "q": data.get("q", ""),
                "type": data.get("type") or "",
                **chosen,
                "year": data.get("year"),
            },
        }

    def filter_selects(self):
        """Topic, region and year as select lists, written in one pass: about fifty options that
        the widget templates would each render separately, on every search."""
        selects = []
        for name in [*(facet.name for facet in FACETS), "year"]:
            field = self[name]
            chosen = str(field.value() or "")
            valid = {str(value) for value, _label in field.field.choices}
            chosen = chosen if chosen in valid else ""
            options = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                (
                    (value, " selected" if str(value) == chosen else "", label)
                    for value, label in field.field.choices
                ),
            )
            selects.append({"name": name, "id": field.id_for_label, "label": field.label, "options": options})
        return selects
