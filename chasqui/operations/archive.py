"""The archive file: a streamed tar.gz (optionally encrypted) of the database dump and the media,
ending with manifest.json, which lists every file's path, size and SHA-256.

Checksums are taken from the very bytes written into the archive, and checked against the
manifest on the way out, before a restore touches anything.
"""

import hashlib
import json
import shutil
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

from .crypto import DecryptingReader, DecryptionError, EncryptingWriter, is_encrypted

MANIFEST_NAME = "manifest.json"
COPY_BUFFER = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be trusted or read; nothing was restored."""


class HashingReader:
    """Wraps a binary file: counts and hashes what is read through it."""

    def __init__(self, file):
        self._file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self._file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """`with ArchiveWriter(path, passphrase) as archive: archive.add(...); archive.finish(manifest)`."""

    def __init__(self, path, passphrase=None):
        self._raw = open(path, "wb")  # noqa: SIM115 - closed in __exit__
        self._encrypter = EncryptingWriter(self._raw, passphrase) if passphrase else None
        self._tar = tarfile.open(fileobj=self._encrypter or self._raw, mode="w|gz")  # noqa: SIM115
        self.entries = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._tar.close()
        if self._encrypter:
            self._encrypter.close()
        self._raw.close()

    def add(self, arcname, file, size, mtime=None):
        info = tarfile.TarInfo(arcname)
        info.size = size
        info.mtime = mtime or time.time()
        info.mode = 0o644
        reader = HashingReader(file)
        self._tar.addfile(info, reader)
        self.entries.append({"path": arcname, "size": reader.size, "sha256": reader.sha256.hexdigest()})

    def finish(self, manifest):
        """Writes the manifest, with every file added so far, as the archive's last member."""
        data = json.dumps({**manifest, "files": self.entries}, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size = len(data)
        info.mtime = time.time()
        info.mode = 0o644
        self._tar.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data):
        self._data = memoryview(data)

    def read(self, size=-1):
        chunk = self._data[: None if size < 0 else size]
        self._data = self._data[len(chunk) :]
        return bytes(chunk)


def open_archive(path, passphrase):
    """The archive's plain tar.gz stream; an encrypted one needs the passphrase."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by extract_verified
    if not is_encrypted(path):
        return raw, raw
    if not passphrase:
        raw.close()
        raise ArchiveError(
            "This archive is encrypted: set CHASQUI_BACKUP_PASSPHRASE or give --passphrase-file."
        )
    try:
        return raw, DecryptingReader(raw, passphrase)
    except DecryptionError as error:
        raw.close()
        raise ArchiveError(str(error)) from error


def extract_verified(path, staging_dir, passphrase=None):
    """Unpacks the archive into `staging_dir` and checks each file against the manifest;
    returns the manifest. Raises ArchiveError on any mismatch, missing or unexpected file."""
    raw, stream = open_archive(path, passphrase)
    found, manifest = {}, None
    try:
        with raw, tarfile.open(fileobj=stream, mode="r|gz") as tar:
            for member in tar:
                if member.name == MANIFEST_NAME:
                    manifest = json.loads(tar.extractfile(member).read())
                else:
                    found[member.name] = _extract_member(tar, member, Path(staging_dir))
    except DecryptionError as error:
        raise ArchiveError(str(error)) from error
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
        raise ArchiveError(f"The archive is damaged or not a Chasqui backup: {error}") from error
    if manifest is None:
        raise ArchiveError("The archive has no manifest.json: it is incomplete or not a Chasqui backup.")
    _compare_with_manifest(found, manifest)
    return manifest


def _extract_member(tar, member, staging_dir):
    relative = PurePosixPath(member.name)
    if not member.isfile() or relative.is_absolute() or ".." in relative.parts:
        raise ArchiveError(f"Unexpected entry in the archive: {member.name!r}")
    target = staging_dir.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    reader = HashingReader(tar.extractfile(member))
    with open(target, "wb") as out:
        shutil.copyfileobj(reader, out, COPY_BUFFER)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _compare_with_manifest(found, manifest):
    expected = {entry["path"]: entry for entry in manifest.get("files", [])}
    missing = sorted(expected.keys() - found.keys())
    unexpected = sorted(found.keys() - expected.keys())
    changed = sorted(
        name
        for name in expected.keys() & found.keys()
        if (found[name]["sha256"], found[name]["size"]) != (expected[name]["sha256"], expected[name]["size"])
    )
    findings = (("checksum mismatch", changed), ("missing", missing), ("not in the manifest", unexpected))
    problems = [
        f"{label}: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}"
        for label, names in findings
        if names
    ]
    if problems:
        raise ArchiveError("The archive does not match its manifest (" + "; ".join(problems) + ").")
