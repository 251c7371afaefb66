from dataclasses import dataclass

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from .listing import NewsFilters


@dataclass
class SelectField:
    """A <select> ready for the template, so listings skip Django's per-option widget templates."""

    name: str
    id: str
    label: str
    options: list
    errors: list


class NewsFilterForm(forms.Form):
    """The archive's GET filters; works without JavaScript and validates every value.

    Topics and regions are passed in as lists so validating and rendering cost no extra queries.
    """

    topic = forms.ChoiceField(required=False, label=_("Topic"))
    region = forms.ChoiceField(required=False, label=_("Region"))
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("Year"))
    month = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("Month"))

    def __init__(self, *args, topics=(), regions=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        self.regions = {region.slug: region for region in regions}
        self.fields["topic"].choices = [
            ("", _("All topics")),
            *((topic.slug, topic.display_name) for topic in topics),
        ]
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((region.slug, region.display_name) for region in regions),
        ]
        self.fields["year"].choices = [("", _("Any year")), *((year, year) for year in years)]
        self.fields["month"].choices = [("", _("Any month")), *MONTHS.items()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("month") and not cleaned.get("year"):
            self.add_error("month", _("Choose a year to filter by month."))
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return NewsFilters(
            topic=self.topics.get(data.get("topic")),
            region=self.regions.get(data.get("region")),
            year=data.get("year"),
            month=data.get("month"),
        )

    def select_fields(self):
        fields = []
        for bound in self:
            current = str(self.data.get(bound.name, "") or "")
            options = [(str(value), label, str(value) == current) for value, label in bound.field.choices]
            fields.append(
                SelectField(
                    name=bound.html_name,
                    id=bound.id_for_label,
                    label=bound.label,
                    options=options,
                    errors=list(bound.errors),
                )
            )
        return fields
