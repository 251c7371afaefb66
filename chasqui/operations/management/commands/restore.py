"""Restore a backup archive into this site: checked in full first, refused over a site in use."""

from django.core.management.base import BaseCommand, CommandError

from chasqui.operations.database import DatabaseError
from chasqui.operations.passphrases import read_passphrase
from chasqui.operations.restore import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore ARCHIVE (a path, or an archive's name in CHASQUI_BACKUP_DIR or the S3 bucket): the database "
        "and the media. Refuses a site that has pages, members, subscribers or users unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the archive, or its name at the backup destination.")
        parser.add_argument("--force", action="store_true", help="Overwrite a site that is not empty.")
        parser.add_argument("--passphrase-file", help="Decrypt with the passphrase in this file.")

    def handle(self, *args, archive, force=False, passphrase_file=None, **options):
        try:
            report = restore_backup(archive, passphrase=read_passphrase(passphrase_file), force=force)
        except RestoreRefused as error:
            raise CommandError(f"Nothing was restored. {error}") from error
        except DatabaseError as error:
            raise CommandError(
                f"The database restore failed and was rolled back; the media were not touched. {error}"
            ) from error
        manifest = report.manifest
        self.stdout.write(
            f"Restored {report.archive} (made {manifest['created_at']} "
            f"by Chasqui {manifest['chasqui_version']}): "
            f"the {manifest['database']['engine']} database ({report.tables} tables) "
            f"and {report.media_files} media file(s)."
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS("Restore done."))
