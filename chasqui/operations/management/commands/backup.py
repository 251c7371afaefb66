"""Back up the site now: the database and the uploaded files, in one checked archive."""

from django.core.management.base import BaseCommand, CommandError

from chasqui.operations.backup import BACKUP_ERRORS, create_backup
from chasqui.operations.passphrases import read_passphrase


class Command(BaseCommand):
    help = (
        "Write a compressed archive of the database and media (encrypted when CHASQUI_BACKUP_PASSPHRASE is "
        "set) to CHASQUI_BACKUP_DIR or the S3 bucket, and delete archives past the retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--passphrase-file", help="Encrypt with the passphrase in this file.")

    def handle(self, *args, passphrase_file=None, **options):
        try:
            result = create_backup(passphrase=read_passphrase(passphrase_file))
        except BACKUP_ERRORS as error:
            raise CommandError(f"Backup failed: {error}") from error
        record = result.record
        self.stdout.write(
            f"Wrote {record.archive_name} ({record.size_bytes:,} bytes) to {record.destination}."
        )
        if result.deleted:
            self.stdout.write(f"Deleted {len(result.deleted)} old archive(s): {', '.join(result.deleted)}")
        self.stdout.write(self.style.SUCCESS("Backup done."))
