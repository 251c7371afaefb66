"""Restoring a backup: refuse to overwrite a site in use, check every checksum before touching
anything, then the database, then the media folder, each swapped in whole where the engine allows."""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from . import database
from .archive import ArchiveError, extract_verified
from .destinations import configured_destination
from .media import MEDIA_PREFIX, restore_media, staging_parent
from .models import Backup


class RestoreRefused(Exception):
    """The restore would overwrite a site in use, or the archive cannot be trusted; nothing changed."""


@dataclass
class RestoreReport:
    archive: str
    manifest: dict
    tables: int = 0
    media_files: int = 0
    notes: list = field(default_factory=list)


# What makes a site "in use": (app label, model name, filter). Looked up by name, so operations
# imports none of the apps whose data it protects.
SITE_CONTENT = [
    ("wagtailcore", "Page", {"depth__gt": 1}),
    ("membership", "Member", {}),
    ("subscribers", "Subscriber", {}),
]


def site_contents(alias=DEFAULT_DB_ALIAS):
    """{"members": 3, …} for what the database already holds; empty for a new or unmigrated one.
    Wagtail's own placeholder page (a plain Page, made by its first migration) does not count."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    found = {}
    for app_label, model_name, filters in SITE_CONTENT:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if model._meta.db_table in tables:
            rows = model.objects.using(alias).filter(**filters)
            if model_name == "Page":
                rows = rows.exclude(content_type__app_label="wagtailcore", content_type__model="page")
            found[model._meta.verbose_name_plural] = rows.count()
    user_model = get_user_model()
    if user_model._meta.db_table in tables:
        found["users"] = user_model.objects.using(alias).count()
    return {name: count for name, count in found.items() if count}


def locate_archive(archive, work_dir):
    """A path on this machine, or else the name of an archive at the configured destination."""
    path = Path(archive)
    if path.is_file():
        return path
    destination = configured_destination()
    if path.name not in destination.names():
        raise RestoreRefused(f"No archive {archive!r} here or at {destination}.")
    local = Path(work_dir) / path.name
    destination.fetch(path.name, local)
    return local


def restore_backup(archive, *, passphrase=None, force=False, alias=DEFAULT_DB_ALIAS):
    """Restores `archive` over the configured database and media; returns what it restored."""
    in_use = site_contents(alias)
    if in_use and not force:
        summary = ", ".join(f"{count} {name}" for name, count in in_use.items())
        raise RestoreRefused(f"This site is not empty ({summary}). Restore over it with --force.")
    passphrase = settings.CHASQUI_BACKUP_PASSPHRASE if passphrase is None else passphrase
    staging = Path(tempfile.mkdtemp(prefix=".chasqui-restore-", dir=staging_parent()))
    try:
        local = locate_archive(archive, staging)
        try:
            manifest = extract_verified(local, staging / "archive", passphrase)
        except ArchiveError as error:
            raise RestoreRefused(str(error)) from error
        engine = manifest["database"]["engine"]
        dump_path = staging / "archive" / manifest["database"]["file"]
        try:
            database.check_dump(engine, dump_path)
        except database.DatabaseError as error:
            raise RestoreRefused(str(error)) from error
        database.restore(alias, engine, dump_path)
        report = RestoreReport(archive=Path(archive).name, manifest=manifest)
        report.media_files = restore_media(staging / "archive" / MEDIA_PREFIX.rstrip("/"))
        _after_restore(report, alias)
        return report
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _after_restore(report, alias):
    """The cache held the old site's pages and settings; the archive's own backup record was
    still in progress when the dump was taken, and is complete now that it restored."""
    for cache_alias in settings.CACHES:
        caches[cache_alias].clear()
    connection = connections[alias]
    tables = connection.introspection.table_names()
    report.tables = len(tables)
    if Backup._meta.db_table in tables:
        unfinished = Backup.objects.using(alias).filter(archive_name=report.archive, finished_at__isnull=True)
        unfinished.update(ok=True)
    report.notes.extend(_migration_notes(report.manifest.get("migrations", {}), connection))


def _migration_notes(archived, connection):
    on_disk = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    in_archive = {(app, name) for app, names in archived.items() for name in names}
    notes = []
    if in_archive - on_disk:
        notes.append(
            f"The backup has {len(in_archive - on_disk)} migration(s) this code does not know: "
            "it was made by a newer Chasqui; install that version."
        )
    if on_disk - in_archive:
        newer = len(on_disk - in_archive)
        notes.append(f"Run `manage.py migrate`: this code has {newer} newer migration(s).")
    return notes
