"""The backup passphrase: from a file when one is named (kept out of the process list and the shell
history), else CHASQUI_BACKUP_PASSPHRASE (None here means "use the setting")."""

from pathlib import Path

from django.core.management.base import CommandError


def read_passphrase(passphrase_file):
    if not passphrase_file:
        return None
    try:
        passphrase = Path(passphrase_file).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise CommandError(f"Cannot read the passphrase file: {error}") from error
    if not passphrase:
        raise CommandError("The passphrase file is empty.")
    return passphrase
