"""Reports → Site history with the client's address in its CSV and XLSX exports.

Wagtail's report exports who, what and when; the address each entry was made from (see
core/audit.py) lives in the entry's data, so this view adds it as a column of its own.
chasqui/urls.py routes the report's address here, ahead of Wagtail's admin URLs.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.coreutils import multigetattr

from chasqui.core.audit import ADDRESS_KEY, address_of


class SiteHistoryView(LogEntriesView):
    export_headings = {**LogEntriesView.export_headings, ADDRESS_KEY: _("From address")}
    list_export = [*LogEntriesView.list_export, ADDRESS_KEY]

    def to_row_dict(self, item):
        return {
            field: address_of(item) if field == ADDRESS_KEY else multigetattr(item, field)
            for field in self.list_export
        }
