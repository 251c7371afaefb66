"""Taking a backup: the database and the media in one archive, sent to its destination, recorded,
and old archives rotated out."""

import datetime
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from . import database
from .archive import ArchiveWriter
from .destinations import configured_destination
from .media import MEDIA_PREFIX, media_files
from .models import Backup
from .retention import archives_to_delete

MANIFEST_FORMAT = 1
# What a backup can run into: the database tool, the disk, the bucket.
BACKUP_ERRORS = (database.DatabaseError, OSError, BotoCoreError, ClientError)


@dataclass
class BackupResult:
    record: Backup
    deleted: list


def archive_name(when, *, encrypted):
    stamp = when.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"chasqui-backup-{stamp}.tar.gz" + (".enc" if encrypted else "")


def chasqui_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def create_backup(*, destination=None, passphrase=None, alias=DEFAULT_DB_ALIAS, now=None):
    """Writes an archive, stores it and applies the retention; the outcome is recorded either way.
    Raises the error after recording it."""
    destination = destination or configured_destination()
    passphrase = settings.CHASQUI_BACKUP_PASSPHRASE if passphrase is None else passphrase
    started = now or timezone.now()
    name = archive_name(started, encrypted=bool(passphrase))
    record = Backup.objects.create(
        started_at=started, archive_name=name, destination=str(destination), encrypted=bool(passphrase)
    )
    try:
        record.size_bytes = _write_and_store(name, destination, passphrase, alias, started)
        deleted = apply_retention(destination)
    except Exception as error:
        record.error = f"{type(error).__name__}: {error}"[:2000]
        record.finished_at = timezone.now()
        record.save(update_fields=["error", "finished_at"])
        raise
    record.ok = True
    record.finished_at = timezone.now()
    record.save(update_fields=["ok", "finished_at", "size_bytes"])
    return BackupResult(record=record, deleted=deleted)


def _write_and_store(name, destination, passphrase, alias, started):
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix=".backup-") as work:
        work = Path(work)
        engine = database.dump(alias, work / "db")
        archive_path = work / name
        with ArchiveWriter(archive_path, passphrase) as archive:
            with open(work / "db", "rb") as dump:
                archive.add(database.DUMP_NAMES[engine], dump, (work / "db").stat().st_size)
            for path, size, mtime in media_files():
                with default_storage.open(path, "rb") as file:
                    archive.add(MEDIA_PREFIX + path, file, size, mtime)
            archive.finish(_manifest(engine, alias, started))
        size = archive_path.stat().st_size
        destination.store(archive_path, name)
    return size


def _manifest(engine, alias, started):
    return {
        "format": MANIFEST_FORMAT,
        "chasqui_version": chasqui_version(),
        "created_at": started.astimezone(datetime.UTC).isoformat(),
        "database": {"engine": engine, "file": database.DUMP_NAMES[engine]},
        "migrations": database.migration_state(connections[alias]),
    }


def apply_retention(destination):
    """Deletes the archives outside the daily, weekly and monthly windows; returns their names."""
    doomed = archives_to_delete(
        destination.names(),
        daily=settings.CHASQUI_BACKUP_KEEP_DAILY,
        weekly=settings.CHASQUI_BACKUP_KEEP_WEEKLY,
        monthly=settings.CHASQUI_BACKUP_KEEP_MONTHLY,
    )
    for name in doomed:
        destination.delete(name)
    return doomed


def backup_time():
    """CHASQUI_BACKUP_AT as a time of day, or None when nightly backups are off."""
    value = settings.CHASQUI_BACKUP_AT.strip()
    return datetime.time.fromisoformat(value) if value else None


def nightly_backup_due(now=None):
    """Once a day, at or after CHASQUI_BACKUP_AT (local time), however often the scheduler runs:
    due when no backup was attempted since today's backup time."""
    at = backup_time()
    if at is None:
        return False
    now = timezone.localtime(now)
    today_at = timezone.make_aware(datetime.datetime.combine(now.date(), at), now.tzinfo)
    return now >= today_at and not Backup.objects.filter(started_at__gte=today_at).exists()
