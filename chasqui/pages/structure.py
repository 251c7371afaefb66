"""Creates the page tree every Chasqui site needs: a home page in each language and its section indexes.

The sections themselves (news, publications) are registered by the apps that own them
(`chasqui.core.sections`), so this module knows only the home pages.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from chasqui.core.sections import home_sections

from .models import HomePage

HOME_TITLES = {"en": "Home", "es": "Inicio"}


def _english_home(english):
    """The English home page, replacing Wagtail's "Welcome" placeholder (and its site) when missing."""
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        placeholders = Page.objects.filter(depth=2, content_type__app_label="wagtailcore")
        Site.objects.filter(root_page__in=placeholders).delete()
        placeholders.delete()
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=HOME_TITLES["en"], slug="home", locale=english))
    return home


def _ensure_default_site(home, site_name):
    if not Site.objects.filter(root_page=home).exists():
        Site.objects.update(is_default_site=False)
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, site_name=site_name, is_default_site=True
        )


def _spanish_home(home, spanish):
    es_home = home.get_translations().filter(locale=spanish).first()
    if es_home is None:
        es_home = home.copy_for_translation(spanish)
        es_home.title = HOME_TITLES["es"]
        es_home.save_revision().publish()
    return es_home.specific


def _ensure_section_index(section, code, locale_home, english_home, spanish):
    """The section's index under one home; a Spanish index is a translation of the English one."""
    model = section.index_model
    if model.objects.child_of(locale_home).exists():
        return
    title, slug = section.titles[code]
    if code == "en":
        locale_home.add_child(instance=model(title=title, slug=slug))
    else:
        source = model.objects.child_of(english_home).first()
        translated = source.copy_for_translation(spanish)
        translated.title, translated.slug = title, slug
        translated.save_revision().publish()


@transaction.atomic
def ensure_site_structure(site_name="Chasqui"):
    """Idempotent: returns {"en": HomePage, "es": HomePage} with every section's index under each."""
    english = Locale.objects.get(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    home = _english_home(english)
    _ensure_default_site(home, site_name)
    homes = {"en": home, "es": _spanish_home(home, spanish)}
    sections = home_sections()
    for code, locale_home in homes.items():
        for section in sections:
            _ensure_section_index(section, code, locale_home, homes["en"], spanish)
    # Re-read the homes: adding children changed their tree fields since they were loaded.
    return {code: HomePage.objects.get(pk=locale_home.pk) for code, locale_home in homes.items()}
