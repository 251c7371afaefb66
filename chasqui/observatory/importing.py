"""Importing incidents from a spreadsheet saved as CSV (the command and the admin upload).

The whole file is checked before anything is written, and written in one transaction: a file
with any error writes nothing, and every error is reported with its row and column. A row is
the same incident as an existing one when its date, region and summary match, so importing
the same file twice creates nothing the second time. Empty counts stay unknown, never zero.
"""

import csv
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chasqui.core.csvkit import decode_csv, parse_cell_date, unguard_formula
from chasqui.core.imports import RowError
from chasqui.core.text import folded
from chasqui.news.models import Region

from . import services
from .choices import ActorRole, ActorType, DatePrecision
from .models import ActorPage, IncidentIndexPage, IncidentPage, IncidentType

COLUMNS = [
    "date",
    "date_precision",
    "region",
    "place",
    "type",
    "killed",
    "injured",
    "detained",
    "actors",
    "summary",
    "sources",
    "title",
]
REQUIRED_COLUMNS = ["date", "region", "type", "summary"]
COUNT_COLUMNS = ["killed", "injured", "detained"]
# Actors the file names but Chasqui does not know yet are created with this type.
NEW_ACTOR_TYPE = ActorType.ORGANISATION
TITLE_LENGTH = 80
_ACTOR = re.compile(r"(?P<name>[^()]+?)\s*\((?P<role>[^()]+)\)")
_URL_SEPARATORS = re.compile(r"[\s;]+")


@dataclass
class ImportResult:
    dry_run: bool = False
    errors: list = field(default_factory=list)
    created: int = 0
    unchanged: int = 0
    new_actors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@dataclass
class PlannedIncident:
    row: int
    title: str
    fields: dict
    actors: list
    sources: list


def folded_key(text):
    return " ".join(folded(text).split())


class IncidentImporter:
    """Reads one CSV file; `run()` checks it all, then writes it all or nothing."""

    def __init__(self, data, *, dry_run=False):
        self.text = decode_csv(data)
        self.result = ImportResult(dry_run=dry_run)
        self.index = IncidentIndexPage.objects.filter(locale__language_code="en").first()
        self.regions = {}
        for region in Region.objects.all():
            self.regions[folded_key(region.name)] = region
            self.regions[folded_key(region.slug)] = region
        self.types = {}
        for kind in IncidentType.objects.all():
            for name in (kind.name, kind.name_es, kind.slug):
                if name:
                    self.types[folded_key(name)] = kind
        self.actors = {folded_key(actor.title): actor for actor in self._index_actors()}
        self.roles = {folded_key(str(label)): value for value, label in ActorRole.choices}
        self.roles.update({value: value for value in ActorRole.values})
        self.existing = set(self._existing_keys())
        self.slugs = set(self.index.get_children().values_list("slug", flat=True)) if self.index else set()
        self.planned = []

    def _index_actors(self):
        if self.index is None:
            return ActorPage.objects.none()
        return ActorPage.objects.child_of(self.index).only("pk", "title")

    def _existing_keys(self):
        if self.index is None:
            return []
        rows = IncidentPage.objects.child_of(self.index).values_list("date_start", "region_id", "description")
        return [(date, region, folded_key(summary)) for date, region, summary in rows]

    def error(self, row, column, message):
        self.result.errors.append(RowError(row, column, message))

    def run(self):
        if self.index is None:
            self.error(1, "—", _("There is no English incidents index to import into."))
            return self.result
        self.check_file()
        if self.result.errors or self.result.dry_run:
            self.result.new_actors = sorted({name for plan in self.planned for name, _role in plan.actors})
            self.result.new_actors = [
                name for name in self.result.new_actors if folded_key(name) not in self.actors
            ]
            return self.result
        try:
            with transaction.atomic():
                self.write()
        except ValidationError as error:
            self.result.created = 0
            self.result.new_actors = []
            self.error(self._writing_row, "—", "; ".join(error.messages))
        return self.result

    # Reading and checking -------------------------------------------------------------

    def check_file(self):
        reader = csv.DictReader(self.text.splitlines())
        headings = [folded_key(name or "") for name in (reader.fieldnames or [])]
        reader.fieldnames = headings
        missing = [name for name in REQUIRED_COLUMNS if name not in headings]
        if missing:
            self.error(1, ", ".join(missing), _("Required columns are missing."))
            return
        seen = set()
        for number, raw in enumerate(reader, start=2):
            cells = {name: unguard_formula((raw.get(name) or "").strip()) for name in COLUMNS}
            plan = self.check_row(number, cells)
            if plan is None:
                continue
            key = (
                plan.fields["date_start"],
                plan.fields["region"].pk,
                folded_key(plan.fields["description"]),
            )
            if key in seen:
                self.error(number, "summary", _("The same incident appears twice in the file."))
            elif key in self.existing:
                self.result.unchanged += 1
            else:
                seen.add(key)
                self.planned.append(plan)
                self.result.created += 1

    def check_row(self, number, cells):
        errors_before = len(self.result.errors)
        fields = {
            "date_start": self.check_date(number, cells["date"]),
            "date_precision": self.check_precision(number, cells["date_precision"]),
            "region": self.check_lookup(number, "region", cells["region"], self.regions, _("Unknown region")),
            "incident_type": self.check_lookup(number, "type", cells["type"], self.types, _("Unknown type")),
            "description": cells["summary"],
            **self.check_place(cells["place"]),
        }
        for column in COUNT_COLUMNS:
            fields[column] = self.check_count(number, column, cells[column])
        if not cells["summary"]:
            self.error(number, "summary", _("A summary is required."))
        actors = self.check_actors(number, cells["actors"])
        sources = self.check_sources(number, cells["sources"])
        if len(self.result.errors) > errors_before:
            return None
        title = cells["title"] or shorten(cells["summary"])
        return PlannedIncident(number, title, fields, actors, sources)

    def check_date(self, number, value):
        date = parse_cell_date(value)
        if date is None:
            self.error(
                number, "date", _("“%(value)s” is not a date (dd/mm/yyyy or yyyy-mm-dd).") % {"value": value}
            )
        return date

    def check_precision(self, number, value):
        value = folded_key(value) or DatePrecision.DAY
        if value not in DatePrecision.values:
            self.error(number, "date_precision", _("Use “day” or “month”."))
        return value

    def check_lookup(self, number, column, value, known, label):
        found = known.get(folded_key(value))
        if found is None:
            self.error(number, column, _("%(label)s: “%(value)s”.") % {"label": label, "value": value})
        return found

    @staticmethod
    def check_place(value):
        """“Province, district”: the part before the first comma is the province."""
        province, _comma, district = value.partition(",")
        return {"province": province.strip()[:120], "district": district.strip()[:120]}

    def check_count(self, number, column, value):
        if not value:
            return None
        if not value.isdigit():
            self.error(number, column, _("“%(value)s” is not a whole number.") % {"value": value})
            return None
        return int(value)

    def check_actors(self, number, value):
        actors = []
        for part in (piece.strip() for piece in value.split(";")):
            if not part:
                continue
            match = _ACTOR.fullmatch(part)
            role = self.roles.get(folded_key(match["role"])) if match else None
            if role is None:
                self.error(
                    number,
                    "actors",
                    _("“%(value)s” is not “Name (role)”; the role is perpetrator, victim, party or mediator.")
                    % {"value": part},
                )
                continue
            actors.append((match["name"].strip(), role))
        return actors

    def check_sources(self, number, value):
        validate = URLValidator(schemes=["http", "https"])
        urls = []
        for url in _URL_SEPARATORS.split(value):
            if not url:
                continue
            try:
                validate(url)
            except ValidationError:
                self.error(number, "sources", _("“%(value)s” is not a web address.") % {"value": url})
                continue
            urls.append(url)
        return urls

    # Writing ---------------------------------------------------------------------------

    _writing_row = 1

    def write(self):
        for plan in self.planned:
            self._writing_row = plan.row
            actors = [(self.actor(name), role) for name, role in plan.actors]
            sources = [{"title": urlsplit(url).hostname or url, "url": url} for url in plan.sources]
            slug = self.free_slug(plan.title)
            services.add_incident(
                self.index, plan.title, slug=slug, actors=actors, sources=sources, **plan.fields
            )

    def free_slug(self, title):
        """Titles repeat ("Protest in Juliaca"); each page under the index needs its own address."""
        base = slugify(title)[:70] or "incident"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def actor(self, name):
        """The index's actor of that title; a new published one when there is none yet."""
        key = folded_key(name)
        if key not in self.actors:
            self.actors[key] = services.add_actor(self.index, name, NEW_ACTOR_TYPE, slug=self.free_slug(name))
            self.result.new_actors.append(name)
        return self.actors[key]


def shorten(text):
    """A title from the summary: its first sentence, cut at a word to fit."""
    sentence = text.split(". ")[0].rstrip(".")
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    return sentence[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def import_incidents(data, *, dry_run=False):
    return IncidentImporter(data, dry_run=dry_run).run()
