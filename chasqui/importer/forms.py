from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    source = forms.FileField(
        label=_("File to import"),
        help_text=_("A saved news listing (.html or .txt), a WordPress export (.xml) or a CSV file."),
    )
    language = forms.ChoiceField(label=_("Language of the archive"), choices=settings.LANGUAGES, initial="en")
    topics = forms.CharField(
        label=_("Add topics"),
        required=False,
        help_text=_("Topics given to every imported news item, separated by commas."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run"), required=False, help_text=_("Show what would happen without saving anything.")
    )
    as_drafts = forms.BooleanField(
        label=_("Import as drafts"), required=False, help_text=_("Leave imported items unpublished.")
    )
    include_drafts = forms.BooleanField(label=_("Include WordPress drafts"), required=False)
    undated_as_pages = forms.BooleanField(
        label=_("Import undated sections as background pages"),
        required=False,
        help_text=_("For listings: sections without a date, such as Aims or Why join."),
    )

    def topic_names(self):
        return tuple(name.strip() for name in self.cleaned_data["topics"].split(",") if name.strip())
