"""Builds a new site's pages: a fresh `migrate` leaves only Wagtail's "Welcome" placeholder."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.pages.structure import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Create the home page in English and Spanish with every section's index (news, publications, "
        "…) and make it the default site. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", default="", help="The organisation's name, for headers and emails.")

    def handle(self, *args, name="", **options):
        homes = ensure_site_structure(site_name=name or "Chasqui")
        if name:
            site = Site.objects.get(root_page=homes["en"])
            site_settings = SiteSettings.for_site(site)
            site_settings.organisation_name = name
            site_settings.save(update_fields=["organisation_name"])
        for code, home in homes.items():
            sections = ", ".join(child.title for child in home.get_children())
            self.stdout.write(f"{code}: {home.title} ({home.url_path}) with {sections or 'no sections'}")
