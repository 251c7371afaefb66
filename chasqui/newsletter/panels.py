"""An inline panel whose child forms are headed by what they hold, not "News item 1, 2, …"."""

from wagtail.admin.panels import InlinePanel


class TitledInlinePanel(InlinePanel):
    """Each saved child is headed by its `str()` (a bulletin item: its news item's title).

    A child added in the editor, not saved yet, keeps Wagtail's numbered heading.
    """

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "newsletter/panels/titled_inline_panel.html"
