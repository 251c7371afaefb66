"""What every import shares, whatever it reads (news archives, members, subscribers, incidents).

* Who may run an import that publishes pages: superusers, and editors who may both add and
  publish pages under an index of the kind the import fills (`may_add_and_publish_under`).
* How a problem in one row is told: its row, its column and what is wrong (`RowError`).
  Imports collect every such error before writing anything.
* How a command is given its file: a path and `--dry-run`, which checks and writes nothing;
  a path that is not a readable file is a clear error (`source_path`, `read_source`).
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

DRY_RUN_HELP = "Check the file and report; write nothing."


def may_add_and_publish_under(user, index_model):
    """True for superusers and for active editors who may add and publish under some `index_model`
    page: the import publishes what it writes, so adding alone is not enough."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    for index in index_model.objects.all():
        permissions = index.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_publish_subpage():
            return True
    return False


@dataclass
class RowError:
    """One problem in an imported file: `row` counts from 1, the heading row included."""

    row: int
    column: str
    message: str

    def __str__(self):
        return _("row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


def add_source_arguments(parser, file_help="Path of the CSV file."):
    """An import command's file and its --dry-run."""
    parser.add_argument("file", help=file_help)
    parser.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)


def source_path(name):
    """The file a command was given as a Path; a CommandError when there is no such file."""
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Cannot read {name}: no such file.")
    return path


def read_source(name):
    """The bytes of the file a command was given; a CommandError when it cannot be read."""
    path = source_path(name)
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {name}: {error}") from error
