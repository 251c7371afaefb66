"""What the editors say about joining, read from the site's home page without importing `pages`.

The home page (the site's root page, or its translation in the reader's language) may carry a
`why_join_title` and `why_join_benefits`; a home page without them shows none.
"""

from django.utils import translation
from wagtail.models import Locale, Site

from chasqui.core.sites import default_site


def home_page(request):
    """The live home page in the active language, else the live home page of the site."""
    site = Site.find_for_request(request) or default_site()
    if site is None:
        return None
    root = site.root_page
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    translated = root.get_translation_or_none(locale) if locale else None
    for page in (translated, root):
        if page is not None and page.live:
            return page.specific
    return None


def why_join(request):
    """The benefits the editors list on the home page in this language (title, [benefits])."""
    page = home_page(request)
    if page is None or not hasattr(page, "why_join_benefits"):
        return "", []
    return page.why_join_title, [block.value for block in page.why_join_benefits]
