"""The public view of incidents and actors: the one place that decides what the public may see.

Every public output (pages, listings, the map, exports, feeds, the API) renders these records, never the
pages' own fields: a sensitive actor's name becomes its public description, and a sensitive
incident's date becomes its month and its coordinates a 0.1° grid. Sensitive values are simply
never copied into a record, so a template cannot show them by mistake.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .choices import DatePrecision

GRID = Decimal("0.1")


@dataclass(frozen=True)
class PublicActor:
    key: str  # the translation key: one actor across languages
    name: str
    actor_type: str
    actor_type_label: str
    url: str
    sensitive: bool
    aliases: tuple = ()
    slug: str = ""
    description: str = ""


@dataclass(frozen=True)
class PublicCase:
    key: str
    slug: str
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class PublicRegion:
    name: str
    slug: str


@dataclass(frozen=True)
class PublicSource:
    title: str
    url: str
    language: str
    date: datetime.date | None
    archived_url: str = ""  # the archived copy, served by the incidents index
    archived_on: datetime.date | None = None  # when it was captured or added
    archive_captured: bool = False  # captured by Chasqui rather than added by an editor
    stopped_answering: bool = False  # the link check found the original gone for a week or more


@dataclass(frozen=True)
class ArchivedCopy:
    file: object  # a FieldFile on the default storage
    content_type: str
    added_at: datetime.datetime | None
    captured: bool


@dataclass(frozen=True)
class PublicIncident:
    id: int
    key: str
    title: str
    url: str
    date: datetime.date
    date_end: datetime.date | None
    precision: str
    region: PublicRegion | None
    province: str
    district: str
    latitude: float | None
    longitude: float | None
    type_slug: str
    type_name: str
    killed: int | None
    injured: int | None
    detained: int | None
    summary: str
    verification: str
    verification_label: str
    sensitive: bool
    case_title: str = ""
    actors: tuple = ()  # (PublicActor, role, role label)
    sources: tuple = field(default=())

    @property
    def date_label(self):
        return date_label(self.date, self.date_end, self.precision)

    @property
    def located(self):
        return self.latitude is not None and self.longitude is not None


def coarsen(value):
    """A coordinate on the 0.1° grid (about 11 km)."""
    return Decimal(value).quantize(GRID, rounding=ROUND_HALF_UP)


def public_point(incident):
    """(latitude, longitude) as the public may see them, Decimals on the 0.1° grid for a sensitive
    incident; (None, None) when the place is not known. Kept on the incident by save(), so the
    map can group incidents in the database by public values only."""
    if incident.latitude is None or incident.longitude is None:
        return None, None
    if incident.is_sensitive:
        return coarsen(incident.latitude), coarsen(incident.longitude)
    return Decimal(incident.latitude), Decimal(incident.longitude)


def date_label(start, end, precision):
    """The date as each language writes it (chasqui/formats/): "14 de marzo de 2024", "marzo de 2024"."""
    pattern = "YEAR_MONTH_FORMAT" if precision == DatePrecision.MONTH else "DATE_FORMAT"
    label = formats.date_format(start, pattern)
    if end and formats.date_format(end, pattern) != label:
        label = _("%(start)s to %(end)s") % {"start": label, "end": formats.date_format(end, pattern)}
    return label


def public_actor(actor, url=""):
    """The public face of an ActorPage: a sensitive actor is only its title (its public description)."""
    return PublicActor(
        key=str(actor.translation_key),
        name=actor.title,
        actor_type=actor.actor_type,
        actor_type_label=str(actor.get_actor_type_display()),
        url=url,
        sensitive=actor.is_sensitive,
        aliases=tuple(actor.alias_list()),
        slug=actor.slug,
        description=actor.description,
    )


def public_case(case, url=""):
    """A case has nothing to hide; it passes here all the same, so every public record has one source."""
    return PublicCase(str(case.translation_key), case.slug, case.title, url, case.description)


def public_start(incident):
    """The date the public sees and lists are ordered by: the month's first day when that is all we
    know or all we may tell."""
    start = incident.date_start
    if start and (incident.is_sensitive or incident.date_precision == DatePrecision.MONTH):
        return start.replace(day=1)
    return start


def archived_copy(source, link):
    """The copy that stands for `source`: the editor's upload first, else Chasqui's capture of its
    address (`link`, a SourceLink or None); None when there is neither."""
    if source.archived_copy:
        return ArchivedCopy(
            source.archived_copy, source.archived_content_type, source.archived_added_at, captured=False
        )
    if link is not None and link.capture and source.url:
        return ArchivedCopy(link.capture, link.capture_content_type, link.captured_at, captured=True)
    return None


def public_archived_copy(incident, source, link):
    """The archived copy a reader may open, or None: a sensitive or unpublished incident's sources,
    and so their copies, are withheld like the rest of its sources."""
    if incident.is_sensitive or not incident.live:
        return None
    return archived_copy(source, link)


def public_source(source, link=None, archived_url=""):
    """A source as the public sees it; `archived_url` is where its archived copy is served, if it has one."""
    copy = archived_copy(source, link)
    return PublicSource(
        source.title,
        source.url,
        source.language,
        source.date,
        archived_url=archived_url if copy else "",
        archived_on=timezone.localdate(copy.added_at) if copy and copy.added_at else None,
        archive_captured=bool(copy and copy.captured),
        stopped_answering=bool(source.url and link is not None and link.stopped_answering),
    )


def public_incident(incident, url="", actors=(), sources=(), case_title="", links=None, archived_urls=None):
    """The public face of an IncidentPage; `actors` are (PublicActor, role, label) already public,
    `sources` its IncidentSources, `links` {address: SourceLink} and `archived_urls` {source pk: URL}.

    A sensitive incident's sources are withheld, archived copies too: their titles, dates and
    addresses would tell what the record does not.
    """
    coarse = incident.is_sensitive
    precision = DatePrecision.MONTH if coarse else incident.date_precision
    end = incident.date_end
    if end and precision == DatePrecision.MONTH:
        end = end.replace(day=1)
    latitude, longitude = public_point(incident)
    region = incident.region
    kind = incident.incident_type
    return PublicIncident(
        id=incident.pk,
        key=str(incident.translation_key),
        title=incident.title,
        url=url,
        date=public_start(incident),
        date_end=end,
        precision=precision,
        region=PublicRegion(region.name, region.slug) if region else None,
        province=incident.province,
        district=incident.district,
        latitude=None if latitude is None else float(latitude),
        longitude=None if longitude is None else float(longitude),
        type_slug=kind.slug if kind else "",
        type_name=kind.display_name if kind else "",
        killed=incident.killed,
        injured=incident.injured,
        detained=incident.detained,
        summary=incident.description,
        verification=incident.verification,
        verification_label=str(incident.get_verification_display()),
        sensitive=incident.is_sensitive,
        case_title=case_title,
        actors=tuple(actors),
        sources=() if coarse else public_sources(sources, links or {}, archived_urls or {}),
    )


def public_sources(sources, links, archived_urls):
    return tuple(public_source(s, links.get(s.url), archived_urls.get(s.pk, "")) for s in sources)
