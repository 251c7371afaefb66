"""Creates the page tree every Chasqui site needs: home, news and publications, in both languages."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from chasqui.news.models import NewsIndexPage
from chasqui.pages.models import HomePage
from chasqui.publications.models import PublicationIndexPage

SECTION_TITLES = {
    "en": {"home": "Home", "news": ("News", "news"), "publications": ("Publications", "publications")},
    "es": {
        "home": "Inicio",
        "news": ("Noticias", "noticias"),
        "publications": ("Publicaciones", "publicaciones"),
    },
}


@transaction.atomic
def ensure_site_structure(site_name="Chasqui"):
    """Idempotent: returns {"en": HomePage, "es": HomePage} with their news and publication indexes."""
    english = Locale.objects.get(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")

    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Replace Wagtail's "Welcome" placeholder (and the site pointing at it).
        placeholders = Page.objects.filter(depth=2, content_type__app_label="wagtailcore")
        Site.objects.filter(root_page__in=placeholders).delete()
        placeholders.delete()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=SECTION_TITLES["en"]["home"], slug="home", locale=english)
        )
    if not Site.objects.filter(root_page=home).exists():
        Site.objects.update(is_default_site=False)
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, site_name=site_name, is_default_site=True
        )

    homes = {"en": home}
    es_home = home.get_translations().filter(locale=spanish).first()
    if es_home is None:
        es_home = home.copy_for_translation(spanish)
        es_home.title = SECTION_TITLES["es"]["home"]
        es_home.save_revision().publish()
    homes["es"] = es_home.specific

    for code, locale_home in homes.items():
        for key, model in (("news", NewsIndexPage), ("publications", PublicationIndexPage)):
            title, slug = SECTION_TITLES[code][key]
            if not model.objects.child_of(locale_home).exists():
                if code == "en":
                    locale_home.add_child(instance=model(title=title, slug=slug))
                else:
                    source = model.objects.child_of(homes["en"]).first()
                    translated = source.copy_for_translation(spanish)
                    translated.title, translated.slug = title, slug
                    translated.save_revision().publish()
    # Re-read the homes: adding children changed their tree fields since they were loaded.
    return {code: HomePage.objects.get(pk=locale_home.pk) for code, locale_home in homes.items()}
