"""Media in an S3-compatible bucket (MEDIA_S3_BUCKET, several machines): the backup reads the files
from the bucket, the restore writes them into a bucket, and the world-writable media check, which is
about a folder on this server, has nothing to say. Tested against moto's S3 server on loopback."""

import hashlib

import boto3
import environ
import pytest
from django.core.management import call_command

from chasqui.core import checks
from chasqui.settings import machines

from .site_copy import build_site, live_snapshot

REGION = "eu-west-2"


def bucket_environment(s3_server, bucket):
    return {
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": s3_server,
        "MEDIA_S3_REGION": REGION,
        "MEDIA_S3_ACCESS_KEY_ID": "testing",
        "MEDIA_S3_SECRET_ACCESS_KEY": "testing",
        "MEDIA_S3_ADDRESSING_STYLE": "path",
    }


def checksums(client, bucket):
    found = {}
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        body = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        found[item["Key"]] = hashlib.sha256(body).hexdigest()
    return found


@pytest.fixture
def buckets(s3_server, settings, monkeypatch):
    """The live site's media bucket (the default storage) and an empty one to restore into."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    names = ("chasqui-media", "chasqui-media-restored")
    for name in names:
        client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    for name, value in bucket_environment(s3_server, names[0]).items():
        monkeypatch.setenv(name, value)
    storage, _origins = machines.media_storage(environ.Env(), settings.STORAGES["default"])
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client, names
    for name in names:
        for item in client.list_objects_v2(Bucket=name).get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])
        client.delete_bucket(Bucket=name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_site_whose_media_is_in_a_bucket_backs_up_and_restores_into_a_bucket(
    buckets, s3_server, backup_dir, empty_site
):
    client, (live, restored_bucket) = buckets
    build_site()
    live_files = checksums(client, live)
    assert any(key.startswith("original_images/") for key in live_files)
    call_command("backup")
    (archive,) = backup_dir.iterdir()
    before_counts, before_rows = live_snapshot()

    restored = empty_site.manage("restore", str(archive), **bucket_environment(s3_server, restored_bucket))

    assert restored.returncode == 0, restored.stderr
    assert empty_site.snapshot(before_counts) == (before_counts, before_rows)
    assert checksums(client, restored_bucket) == live_files


def test_the_media_folder_check_leaves_a_bucket_alone(buckets, settings, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    folder.chmod(0o777)
    settings.MEDIA_ROOT = folder
    assert checks.check_media_root_permissions() == []


def test_the_pages_may_show_images_from_the_bucket_and_nothing_else_new(s3_server, monkeypatch):
    for name, value in bucket_environment(s3_server, "chasqui-media").items():
        monkeypatch.setenv(name, value)
    storage, origins = machines.media_storage(environ.Env(), {"BACKEND": "local"})
    assert storage["OPTIONS"]["bucket_name"] == "chasqui-media"
    assert origins == [s3_server]
    monkeypatch.setenv("MEDIA_S3_CUSTOM_DOMAIN", "media.example.org/site")
    assert machines.media_storage(environ.Env(), {"BACKEND": "local"})[1] == ["https://media.example.org"]
    monkeypatch.delenv("MEDIA_S3_BUCKET")
    assert machines.media_storage(environ.Env(), {"BACKEND": "local"}) == ({"BACKEND": "local"}, [])
