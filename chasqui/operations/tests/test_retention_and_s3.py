"""Old archives are rotated out by day, week and month, and an S3-compatible bucket is a
destination like a folder: tested against moto's S3 server on loopback."""

import datetime

import boto3
import pytest
from django.core.management import call_command

from chasqui.operations.backup import archive_name
from chasqui.operations.destinations import LocalDestination
from chasqui.operations.retention import archives_to_delete

from .site_copy import build_site, file_checksums, live_snapshot


def _names_every_day(first, days):
    return [
        archive_name(first + datetime.timedelta(days=offset, hours=2), encrypted=False)
        for offset in range(days)
    ]


def test_retention_keeps_seven_days_four_weeks_and_twelve_months():
    names = _names_every_day(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC), 500)

    kept = sorted(set(names) - set(archives_to_delete(names, daily=7, weekly=4, monthly=12)))

    newest = "chasqui-backup-20260515T020000Z.tar.gz"
    assert names[-1] == newest
    daily = names[-7:]
    sundays = ["20260510", "20260503", "20260426"]  # the newest of each earlier ISO week
    month_ends = ["20260430", "20260331", "20260228", "20260131", "20251231", "20251130", "20251031"]
    month_ends += ["20250930", "20250831", "20250731", "20250630"]
    expected = set(daily) | {f"chasqui-backup-{day}T020000Z.tar.gz" for day in sundays + month_ends}
    assert kept == sorted(expected)


def test_retention_leaves_other_files_alone(tmp_path, settings):
    settings.CHASQUI_BACKUP_KEEP_DAILY, settings.CHASQUI_BACKUP_KEEP_WEEKLY = 1, 0
    settings.CHASQUI_BACKUP_KEEP_MONTHLY = 0
    (tmp_path / "notes.txt").write_text("keep me")
    names = _names_every_day(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), 3)

    assert archives_to_delete([*names, "notes.txt"], daily=1, weekly=0, monthly=0) == names[:2]
    assert LocalDestination(tmp_path).names() == []


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2")
    client.create_bucket(
        Bucket="chasqui-backups", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.CHASQUI_BACKUP_S3_BUCKET = "chasqui-backups"
    settings.CHASQUI_BACKUP_S3_ENDPOINT_URL = s3_server
    settings.CHASQUI_BACKUP_S3_PREFIX = ""
    yield client
    for item in client.list_objects_v2(Bucket="chasqui-backups").get("Contents", []):
        client.delete_object(Bucket="chasqui-backups", Key=item["Key"])
    client.delete_bucket(Bucket="chasqui-backups")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_encrypted_backup_goes_to_the_bucket_and_restores_from_it(
    bucket, s3_server, media_root, settings, empty_site
):
    settings.CHASQUI_BACKUP_PASSPHRASE = "trustees' passphrase"
    build_site()
    call_command("backup")
    (stored,) = bucket.list_objects_v2(Bucket="chasqui-backups")["Contents"]
    assert stored["Key"].endswith(".tar.gz.enc")
    before_counts, before_rows = live_snapshot()

    restored = empty_site.manage(
        "restore",
        stored["Key"],
        CHASQUI_BACKUP_S3_BUCKET="chasqui-backups",
        CHASQUI_BACKUP_S3_ENDPOINT_URL=s3_server,
        CHASQUI_BACKUP_PASSPHRASE="trustees' passphrase",
    )

    assert restored.returncode == 0, restored.stderr
    assert empty_site.snapshot(before_counts) == (before_counts, before_rows)
    assert file_checksums(empty_site.media_root) == file_checksums(media_root)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bucket_keeps_only_the_archives_the_retention_allows(bucket, media_root, settings):
    settings.CHASQUI_BACKUP_KEEP_DAILY = 2
    settings.CHASQUI_BACKUP_KEEP_WEEKLY = settings.CHASQUI_BACKUP_KEEP_MONTHLY = 0
    for name in _names_every_day(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), 3):
        bucket.put_object(Bucket="chasqui-backups", Key=name, Body=b"old")

    call_command("backup")

    keys = sorted(item["Key"] for item in bucket.list_objects_v2(Bucket="chasqui-backups")["Contents"])
    assert len(keys) == 2
    assert keys[0] == "chasqui-backup-20260103T020000Z.tar.gz"
