"""Open data: any filtered list of incidents as CSV, GeoJSON or JSON, public values only.

Rows come from the same PublicIncident records the pages show, so an export can say no more than
the site does.
"""

import io
import json

from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from chasqui.core.csvkit import write_csv

from .records import for_listing, public_incidents

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CHUNK = 2000  # incidents per round of queries: bounded parameter lists on every database

FIELD_NOTES = [
    ("id", _("The number of the incident's page in this language.")),
    ("key", _("One identifier for the incident across languages.")),
    ("title", _("A short title.")),
    ("url", _("The incident's page.")),
    ("date", _("The day it happened (ISO 8601), or the first of the month when only the month is given.")),
    ("date_end", _("The last day, for incidents over several days; empty otherwise.")),
    ("date_precision", _("'day' or 'month': how precise the dates are.")),
    ("region", _("One of Peru's 25 regions.")),
    ("province", _("The province, as reported.")),
    ("district", _("The district, as reported.")),
    ("latitude", _("WGS84 latitude; on a 0.1° grid (about 11 km) for sensitive incidents.")),
    ("longitude", _("WGS84 longitude; on a 0.1° grid for sensitive incidents.")),
    ("type", _("The incident type (protest, clash, killing...).")),
    ("killed", _("People killed; empty when unknown, which is not zero.")),
    ("injured", _("People injured; empty when unknown.")),
    ("detained", _("People detained; empty when unknown.")),
    ("verification", _("reported, corroborated or verified.")),
    ("case", _("The case (conflict) the incident belongs to, if any.")),
    ("actors", _("Actors and their roles; people at risk appear only by a description.")),
    ("summary", _("What happened, in a few sentences.")),
    (
        "sources",
        _(
            "The sources, each with its title, address, language and date, archived_url (our archived "
            "copy of it, empty when there is none) and answering (false once the original address has "
            "stopped answering); in the CSV, address (archived: archived_url); ... Not given for "
            "sensitive incidents."
        ),
    ),
    ("sensitive", _("true when the date and place were made less precise to protect people.")),
]
COLUMNS = [name for name, _note in FIELD_NOTES]


def incident_row(record):
    """One incident as a flat dict of JSON-friendly values: the JSON and GeoJSON exports' record and
    the API's (chasqui.observatory.api), written once here."""
    region = record.region
    return {
        "id": record.id,
        "key": record.key,
        "title": record.title,
        "url": record.url,
        "date": record.date.isoformat(),
        "date_end": record.date_end.isoformat() if record.date_end else None,
        "date_precision": record.precision,
        "region": region.name if region else None,
        "province": record.province,
        "district": record.district,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "type": record.type_slug,
        "killed": record.killed,
        "injured": record.injured,
        "detained": record.detained,
        "verification": record.verification,
        "case": record.case_title,
        "actors": [
            {
                "key": actor.key,
                "name": actor.name,
                "type": actor.actor_type,
                "role": role,
                "url": actor.url or None,
            }
            for actor, role, _l in record.actors
        ],
        "summary": record.summary,
        "sources": [source_row(source) for source in record.sources],
        "sensitive": record.sensitive,
    }


def source_row(source):
    return {
        "title": source.title,
        "url": source.url,
        "language": source.language,
        "date": source.date.isoformat() if source.date else None,
        "archived_url": source.archived_url or None,
        "answering": not source.stopped_answering,
    }


def csv_sources(sources):
    """`address (archived: copy); ...`, a source without an address by its title."""
    cells = []
    for source in sources:
        cell = source["url"] or source["title"]
        if source["archived_url"]:
            cell += f" (archived: {source['archived_url']})"
        cells.append(cell)
    return "; ".join(cells)


def all_records(index, request, queryset):
    """Every matching incident, newest first, as PublicIncidents (a few queries per CHUNK incidents)."""
    index_url = request.build_absolute_uri(index.get_url(request))
    ids = list(queryset.order_by("-public_date", "-pk").values_list("pk", flat=True))
    records = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        pages = {page.pk: page for page in for_listing(queryset.model.objects.filter(pk__in=chunk))}
        records += public_incidents([pages[pk] for pk in chunk], index_url, with_sources=True)
    return records


def csv_response(index, request, queryset):
    rows = [COLUMNS]
    for record in all_records(index, request, queryset):
        row = incident_row(record)
        row["actors"] = "; ".join(f"{a['name']} ({a['role']})" for a in row["actors"])
        row["sources"] = csv_sources(row["sources"])
        row["sensitive"] = "true" if row["sensitive"] else "false"
        rows.append([row[name] for name in COLUMNS])
    response = HttpResponse(write_csv(rows, io.StringIO()).getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="incidents.csv"'
    return response


def json_response(index, request, queryset):
    rows = [incident_row(record) for record in all_records(index, request, queryset)]
    document = {"licence": LICENCE, "licence_url": LICENCE_URL, "count": len(rows), "incidents": rows}
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json")


def geojson_response(index, request, queryset):
    features = []
    for record in all_records(index, request, queryset):
        if not record.located:
            continue
        properties = incident_row(record)
        geometry = {"type": "Point", "coordinates": [properties.pop("longitude"), properties.pop("latitude")]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "licence": LICENCE, "features": features}
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/geo+json")


WRITERS = {"csv": csv_response, "json": json_response, "geojson": geojson_response}


def export_links(index, index_url, filters):
    """(label, url) of each export of the list `filters` selects."""
    query = urlencode(filters.query_params()) if filters else ""
    base = index_url + index.reverse_subpage("export", kwargs={"kind": "KIND"})
    feed = index_url + index.reverse_subpage("feed", kwargs={"kind": "KIND"})
    return [
        (label, url.replace("KIND", kind) + (f"?{query}" if query else ""))
        for url, kind, label in (
            (base, "csv", "CSV"),
            (base, "geojson", "GeoJSON"),
            (base, "json", "JSON"),
            (feed, "rss", "RSS"),
            (feed, "atom", "Atom"),
        )
    ]
