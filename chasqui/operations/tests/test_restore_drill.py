"""The restore drill of docs/operations.md: back up a site with members, payments, pages and files,
restore it into an empty database and media folder, and find everything as it was."""

import pytest
from django.core.management import call_command
from django.db import connection

from .site_copy import build_site, file_checksums, live_snapshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _round_trip(media_root, backup_dir, empty_site):
    build_site()
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    before_counts, before_rows = live_snapshot()
    before_files = file_checksums(media_root)

    restored = empty_site.manage("restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    assert "Restore done." in restored.stdout
    after_counts, after_rows = empty_site.snapshot(before_counts)
    assert after_counts == before_counts
    assert after_rows == before_rows
    assert file_checksums(empty_site.media_root) == before_files
    assert any(name.startswith("original_images/") for name in before_files)
    assert before_counts["membership_member"] == 4


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite drill; DATABASE_URL is not SQLite")
def test_sqlite_site_restores_into_an_empty_database_with_every_row_and_file(
    media_root, backup_dir, empty_site
):
    _round_trip(media_root, backup_dir, empty_site)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL=postgres://…"
)
def test_postgresql_site_restores_into_an_empty_database_with_every_row_and_file(
    media_root, backup_dir, empty_site
):
    _round_trip(media_root, backup_dir, empty_site)


def test_restore_refuses_a_site_in_use_without_force(media_root, backup_dir, empty_site):
    build_site()
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    assert empty_site.manage("restore", str(archive)).returncode == 0

    again = empty_site.manage("restore", str(archive))

    assert again.returncode != 0
    assert "Nothing was restored. This site is not empty" in again.stderr
    assert "--force" in again.stderr
    forced = empty_site.manage("restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
