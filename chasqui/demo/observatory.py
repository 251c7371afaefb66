"""Loads the demo observatory: actors, cases and incidents in English, with Spanish translations.

Each record is matched by slug, so reruns add nothing.
"""

from collections import Counter
from decimal import Decimal

from chasqui.news.models import NewsIndexPage, NewsItemPage, Region
from chasqui.observatory import services
from chasqui.observatory.models import ActorPage, CasePage, IncidentIndexPage, IncidentPage, IncidentType

from .observatory_las_bambas import LAS_BAMBAS
from .observatory_records import ACTORS, CASES, SENSITIVE_ACTOR
from .observatory_south import SOUTH


def translate_once(page, locale, title, created):
    if title and not page.get_translations().filter(locale=locale).exists():
        translated = page.copy_for_translation(locale)
        translated.title = title
        translated.save_revision().publish()
        created["translations"] += 1


class ObservatoryLoader:
    def __init__(self, homes, spanish):
        self.index = IncidentIndexPage.objects.child_of(homes["en"]).get()
        self.spanish = spanish
        self.created = Counter()
        for home in homes.values():
            index = IncidentIndexPage.objects.child_of(home).get()
            if not index.show_in_menus:
                index.show_in_menus = True
                index.save_revision().publish()

    def existing(self, model, slug):
        return model.objects.child_of(self.index).filter(slug=slug).first()

    def load_actors(self):
        actors = {}
        for slug, (title, kind, other_names, description, es_title) in ACTORS.items():
            actor = self.existing(ActorPage, slug)
            if actor is None:
                actor = services.add_actor(
                    self.index, title, kind, slug=slug, other_names=other_names, description=description
                )
                self.created["actors"] += 1
            translate_once(actor, self.spanish, es_title, self.created)
            actors[slug] = actor
        spec = SENSITIVE_ACTOR
        actor = self.existing(ActorPage, spec["slug"])
        if actor is None:
            actor = services.add_actor(
                self.index,
                spec["title"],
                "person",
                slug=spec["slug"],
                is_sensitive=True,
                real_name=spec["real_name"],
                other_names=spec["other_names"],
                description=spec["description"],
            )
            self.created["actors"] += 1
        translate_once(actor, self.spanish, spec["es_title"], self.created)
        actors[spec["slug"]] = actor
        return actors

    def load_cases(self):
        cases = {}
        for slug, (title, description, es_title) in CASES.items():
            case = self.existing(CasePage, slug)
            if case is None:
                case = services.add_case(self.index, title, slug=slug, description=description)
                self.created["cases"] += 1
            translate_once(case, self.spanish, es_title, self.created)
            cases[slug] = case
        return cases

    def fields(self, spec, cases):
        return {
            "slug": spec["slug"],
            "date_start": spec["date_start"],
            "date_end": spec.get("date_end"),
            "date_precision": spec.get("precision", "day"),
            "region": self.regions[spec["region"]],
            "province": spec.get("province", ""),
            "district": spec.get("district", ""),
            "latitude": Decimal(spec["latitude"]) if "latitude" in spec else None,
            "longitude": Decimal(spec["longitude"]) if "longitude" in spec else None,
            "incident_type": self.types[spec["type"]],
            "killed": spec.get("killed"),
            "injured": spec.get("injured"),
            "detained": spec.get("detained"),
            "description": spec["summary"],
            "verification": spec["verification"],
            "case": cases.get(spec.get("case")),
            "is_sensitive": spec.get("sensitive", False),
        }

    def load_incidents(self, actors, cases):
        self.regions = {region.slug: region for region in Region.objects.all()}
        self.types = {kind.slug: kind for kind in IncidentType.objects.all()}
        news_index = NewsIndexPage.objects.child_of(self.index.get_parent()).first()
        news = {item.slug: item for item in NewsItemPage.objects.child_of(news_index)} if news_index else {}
        for spec in sorted([*LAS_BAMBAS, *SOUTH], key=lambda spec: spec["date_start"]):
            incident = self.existing(IncidentPage, spec["slug"])
            if incident is None:
                incident = services.add_incident(
                    self.index,
                    spec["title"],
                    actors=[(actors[slug], role) for slug, role in spec.get("actors", [])],
                    news_items=[news[slug] for slug in spec.get("news", []) if slug in news],
                    **self.fields(spec, cases),
                )
                self.created["incidents"] += 1
            translate_once(incident, self.spanish, spec.get("es_title"), self.created)

    def run(self):
        actors = self.load_actors()
        cases = self.load_cases()
        self.load_incidents(actors, cases)
        return self.created


def load_observatory(homes, spanish):
    """Returns how many actors, cases, incidents and translations were created this time."""
    return ObservatoryLoader(homes, spanish).run()
