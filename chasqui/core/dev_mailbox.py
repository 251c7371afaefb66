"""A development mailbox: each email sent is written to ``var/mail/`` as an .eml file.

The console backend prints quoted-printable, where long links break across lines; a file per
message keeps each one whole, to open in a mail client or read in the admin's
*Development mailbox*.
"""

import re
import uuid
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

BACKEND = "chasqui.core.dev_mailbox.MailboxBackend"
MESSAGE_NAME = re.compile(r"\A[0-9]{8}-[0-9]{12}-[0-9a-f]{8}\Z")
LISTED = 200


class MailboxBackend(BaseEmailBackend):
    """Writes every message to its own file in ``file_path`` (OPTIONS), newest named last."""

    def __init__(self, *, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.file_path = Path(file_path or settings.VAR_DIR / "mail")

    def send_messages(self, email_messages):
        self.file_path.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S%f}-{uuid.uuid4().hex[:8]}"
            (self.file_path / f"{name}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)


def mailbox_path():
    """The folder the default mailer writes to, or None when it is not the development mailbox."""
    mailer = getattr(settings, "MAILERS", {}).get("default", {})
    if mailer.get("BACKEND") != BACKEND:
        return None
    return Path(mailer.get("OPTIONS", {}).get("file_path") or settings.VAR_DIR / "mail")


@dataclass
class MailboxMessage:
    id: str
    date: object
    to: str
    subject: str
    text: str = ""
    html: str = ""


def _read(path, with_body=False):
    parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    try:
        date = parsedate_to_datetime(parsed["Date"]) if parsed["Date"] else None
    except (TypeError, ValueError):
        date = None
    message = MailboxMessage(
        id=path.stem, date=date, to=str(parsed["To"] or ""), subject=str(parsed["Subject"] or "")
    )
    if with_body:
        for kind in ("plain", "html"):
            part = parsed.get_body(preferencelist=(kind,))
            if part is not None and part.get_content_subtype() == kind:
                setattr(message, "text" if kind == "plain" else "html", part.get_content())
    return message


def list_messages(folder, limit=LISTED):
    """The newest messages first, at most `limit` of them."""
    if folder is None or not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(path) for path in paths if MESSAGE_NAME.match(path.stem)]


def get_message(folder, message_id):
    """One message with its text and HTML parts, or None; ids are file names checked for shape."""
    if folder is None or not MESSAGE_NAME.match(message_id or ""):
        return None
    path = folder / f"{message_id}.eml"
    return _read(path, with_body=True) if path.is_file() else None
