"""The media part of a backup: every file of the default storage (MEDIA_ROOT when it is local), and
putting them back. A local folder is swapped whole, so a failed restore never leaves half of it."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

MEDIA_PREFIX = "media/"


def media_files(storage=None):
    """(relative path, size, modified timestamp) of every stored file, walking the storage's folders."""
    storage = storage or default_storage
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        pending.extend(f"{folder}{name}/" for name in sorted(folders))
        for name in sorted(files):
            path = f"{folder}{name}"
            yield path, storage.size(path), storage.get_modified_time(path).timestamp()


def local_root(storage=None):
    """The storage's folder when files are on this machine, else None."""
    storage = storage or default_storage
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def staging_parent():
    """Where to unpack an archive: beside MEDIA_ROOT, so the new media folder is moved in with one
    rename on the same disk."""
    root = local_root()
    parent = root.parent if root else Path(settings.VAR_DIR)
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def restore_media(staged_media, storage=None):
    """Puts the staged files in place; returns how many. A local folder is replaced by renames:
    the old one is kept until the end and removed only once the new one is in place."""
    storage = storage or default_storage
    staged_media = Path(staged_media)
    staged_media.mkdir(parents=True, exist_ok=True)
    count = sum(1 for path in staged_media.rglob("*") if path.is_file())
    root = local_root(storage)
    if root is None:
        _restore_through_storage(staged_media, storage)
        return count
    previous = root.with_name(f".{root.name}.before-restore-{timezone.now():%Y%m%dT%H%M%S%f}")
    if root.exists():
        os.replace(root, previous)
    try:
        os.replace(staged_media, root)
    except OSError:
        if previous.exists():
            os.replace(previous, root)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return count


def _restore_through_storage(staged_media, storage):
    for path in sorted(staged_media.rglob("*")):
        if path.is_file():
            name = path.relative_to(staged_media).as_posix()
            if storage.exists(name):
                storage.delete(name)
            with open(path, "rb") as file:
                storage.save(name, File(file))
