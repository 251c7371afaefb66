"""Archives can be trusted: encrypted ones open only with their passphrase, and any change to
one is caught before a restore touches the site."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from chasqui.operations.archive import MANIFEST_NAME, ArchiveError, extract_verified
from chasqui.operations.crypto import CHUNK_BYTES, DecryptingReader, DecryptionError, EncryptingWriter
from chasqui.operations.tests.site_copy import build_site

# Backups read committed data, as they do on a live site.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _encrypt(data, passphrase):
    sink = io.BytesIO()
    writer = EncryptingWriter(sink, passphrase)
    writer.write(data)
    writer.close()
    return sink.getvalue()


def test_encryption_round_trips_many_chunks_and_refuses_a_wrong_passphrase():
    data = bytes(range(256)) * (CHUNK_BYTES // 100)  # a little over 2.5 chunks
    sealed = _encrypt(data, "correct horse battery staple")

    assert data not in sealed
    assert DecryptingReader(io.BytesIO(sealed), "correct horse battery staple").read() == data
    with pytest.raises(DecryptionError, match="Wrong passphrase"):
        DecryptingReader(io.BytesIO(sealed), "wrong horse").read()


def test_encrypted_archive_cut_short_is_refused():
    sealed = _encrypt(b"x" * (CHUNK_BYTES * 2), "passphrase")
    first_two_frames = sealed[: len(sealed) - 100]

    with pytest.raises(DecryptionError):
        DecryptingReader(io.BytesIO(first_two_frames), "passphrase").read()


def test_encrypted_backup_restores_its_files_with_the_passphrase_only(
    media_root, backup_dir, settings, tmp_path
):
    settings.CHASQUI_BACKUP_PASSPHRASE = "a passphrase for the trustees"
    build_site()
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    assert archive.name.endswith(".tar.gz.enc")

    manifest = extract_verified(archive, tmp_path / "out", "a passphrase for the trustees")

    assert manifest["database"]["engine"] in ("sqlite", "postgresql")
    assert {entry["path"] for entry in manifest["files"]} >= {manifest["database"]["file"]}
    assert any(entry["path"].startswith("media/original_images/") for entry in manifest["files"])
    with pytest.raises(ArchiveError, match="Wrong passphrase"):
        extract_verified(archive, tmp_path / "wrong", "not the passphrase")
    with pytest.raises(ArchiveError, match="encrypted"):
        extract_verified(archive, tmp_path / "none", "")


def test_restore_asks_for_the_passphrase_of_an_encrypted_archive(media_root, backup_dir, settings, tmp_path):
    settings.CHASQUI_BACKUP_PASSPHRASE = "the passphrase"
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    settings.CHASQUI_BACKUP_PASSPHRASE = ""
    wrong = tmp_path / "wrong-passphrase"
    wrong.write_text("not it\n")

    with pytest.raises(CommandError, match="Nothing was restored. This archive is encrypted"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="Nothing was restored. Wrong passphrase"):
        call_command("restore", str(archive), "--passphrase-file", str(wrong))


def _repack(archive, target, change):
    """Copies the archive member by member, letting `change(name, data)` alter a file's bytes
    while the manifest stays as it was."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def test_archive_with_a_changed_file_is_refused_by_its_checksum(media_root, backup_dir, tmp_path):
    build_site()
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    tampered = tmp_path / archive.name

    def flip_a_byte_of_the_image(name, data):
        if name.startswith("media/original_images/"):
            return data[:-1] + bytes([data[-1] ^ 1])
        return data

    _repack(archive, tampered, flip_a_byte_of_the_image)

    with pytest.raises(CommandError, match="checksum mismatch: media/original_images/"):
        call_command("restore", str(tampered), "--force")


def test_archive_without_its_manifest_or_with_damaged_bytes_is_refused(media_root, backup_dir, tmp_path):
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    no_manifest = tmp_path / "no-manifest.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(no_manifest, "w:gz") as copy:
        for member in source:
            if member.name != MANIFEST_NAME:
                copy.addfile(member, source.extractfile(member))
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))

    with pytest.raises(ArchiveError, match="no manifest.json"):
        extract_verified(no_manifest, tmp_path / "a")
    with pytest.raises(ArchiveError):
        extract_verified(damaged, tmp_path / "b")


def test_manifest_records_version_engine_migrations_and_every_file(media_root, backup_dir, tmp_path):
    build_site()
    call_command("backup")
    (archive,) = backup_dir.iterdir()

    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile(MANIFEST_NAME).read())
        names = [member.name for member in tar if member.name != MANIFEST_NAME]

    assert manifest["chasqui_version"] == "0.1.0"
    assert "0001_initial" in manifest["migrations"]["operations"]
    assert "membership" in manifest["migrations"]
    assert manifest["created_at"].endswith("+00:00")
    assert sorted(entry["path"] for entry in manifest["files"]) == sorted(names)
    assert all(len(entry["sha256"]) == 64 and entry["size"] > 0 for entry in manifest["files"])
