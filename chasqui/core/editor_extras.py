"""What higher apps show in a lower app's page editor (the incidents that report a news item, say).

The lower app puts an `EditorExtrasPanel` among its page's panels; each higher app registers a
function with the `chasqui_editor_extras` Wagtail hook that takes (page, request) and returns the
HTML of its part (a rendered admin template), or "" when it has nothing for that page. The panel
is read-only and hidden when every part is empty, and on a page not saved yet.
"""

from django.utils.functional import cached_property
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.admin.panels import Panel

EDITOR_EXTRAS_HOOK = "chasqui_editor_extras"


def editor_extras(page, request):
    """The registered parts for `page`, in the order of INSTALLED_APPS."""
    parts = (extra(page, request) for extra in hooks.get_hooks(EDITOR_EXTRAS_HOOK))
    return format_html_join("", "{}", ((part,) for part in parts if part))


class EditorExtrasPanel(Panel):
    """A read-only panel of what other apps link to the page being edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/editor_extras.html"

        @cached_property
        def content(self):
            if self.instance is None or self.instance.pk is None:
                return ""
            return editor_extras(self.instance, self.request)

        def is_shown(self):
            return bool(self.content)
