"""Where archives go: a local folder, or an S3-compatible bucket (AWS, Backblaze, Scaleway, MinIO…).
Both offer the same four verbs, so backups, retention and restores do not care which."""

import os
import re
import shutil
from pathlib import Path

import boto3
from django.conf import settings

ARCHIVE_NAME = re.compile(r"^chasqui-backup-(\d{8}T\d{6}Z)\.tar\.gz(\.enc)?$")


class LocalDestination:
    def __init__(self, directory):
        self.directory = Path(directory)

    def __str__(self):
        return str(self.directory)

    def store(self, path, name):
        """Moves the finished archive in under a temporary name first: a half-copied file never
        carries an archive's name."""
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f".{name}.partial"
        shutil.move(path, partial)
        os.replace(partial, self.directory / name)
        os.chmod(self.directory / name, 0o600)  # members' personal data: for the site's user only

    def names(self):
        if not self.directory.is_dir():
            return []
        return sorted(path.name for path in self.directory.iterdir() if ARCHIVE_NAME.match(path.name))

    def delete(self, name):
        (self.directory / name).unlink(missing_ok=True)

    def fetch(self, name, target_path):
        shutil.copyfile(self.directory / name, target_path)


class S3Destination:
    """Credentials come from the usual AWS_* variables (or the machine's AWS configuration)."""

    def __init__(self, bucket, endpoint_url=None, prefix=""):
        self.bucket = bucket
        self.prefix = prefix
        self.client = boto3.client("s3", endpoint_url=endpoint_url or None)

    def __str__(self):
        return f"s3://{self.bucket}/{self.prefix}"

    def store(self, path, name):
        self.client.upload_file(str(path), self.bucket, self.prefix + name)

    def names(self):
        names = []
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                name = item["Key"][len(self.prefix) :]
                if ARCHIVE_NAME.match(name):
                    names.append(name)
        return sorted(names)

    def delete(self, name):
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + name)

    def fetch(self, name, target_path):
        self.client.download_file(self.bucket, self.prefix + name, str(target_path))


def configured_destination():
    """The bucket when CHASQUI_BACKUP_S3_BUCKET is set, else the local folder CHASQUI_BACKUP_DIR."""
    if settings.CHASQUI_BACKUP_S3_BUCKET:
        return S3Destination(
            settings.CHASQUI_BACKUP_S3_BUCKET,
            settings.CHASQUI_BACKUP_S3_ENDPOINT_URL,
            settings.CHASQUI_BACKUP_S3_PREFIX,
        )
    return LocalDestination(settings.CHASQUI_BACKUP_DIR)
