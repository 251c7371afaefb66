"""Images and documents an archive links to, imported once each from the files supplied with it."""

import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .choices import ItemKind, Outcome
from .html import file_kind
from .models import ImportedItem
from .report import MAX_LISTED


def store_file(found, kind, title, fields):
    """Save the file at `found` as an image or document and record where it came from; its id."""
    data = found.read_bytes()
    if kind == "image":
        image = get_image_model()(title=title)
        image.file = ImageFile(ContentFile(data), name=found.name)
        image.save()
        image.get_file_size()
        image.get_file_hash()
        ImportedItem.objects.create(kind=ItemKind.IMAGE, image=image, **fields)
        return image.pk
    document = get_document_model()(title=title)
    document.file = ContentFile(data, name=found.name)
    document.save()
    document.get_file_size()
    document.get_file_hash()
    ImportedItem.objects.create(kind=ItemKind.DOCUMENT, document=document, **fields)
    return document.pk


class FileImporter:
    """The part of an import that brings files across; expects the importer's `options`, `report`,
    `source_kind`, `source_name` and `files` cache."""

    def locate(self, url):
        media_dir = self.options.media_dir
        if not media_dir or not url:
            return None
        path = url.split("?", 1)[0].split("#", 1)[0]
        relative = path.split("/uploads/", 1)[1] if "/uploads/" in path else path.rsplit("/", 1)[-1]
        root = Path(media_dir).resolve()
        for candidate in (
            root / relative,
            root / "wp-content" / "uploads" / relative,
            root / Path(path).name,
        ):
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(root):
                return resolved
        return None

    def file_key(self, url):
        path = url.split("?", 1)[0]
        return "file|" + (path.split("/uploads/", 1)[1] if "/uploads/" in path else path.rsplit("/", 1)[-1])

    def resolve_file(self, url, kind, title=""):
        """The id of the image or document for an old file URL, importing the file once if supplied."""
        key = self.file_key(url)
        if key in self.files:
            return self.files[key]
        item = ImportedItem.objects.filter(source_kind=self.source_kind, source_key=key).first()
        if item is not None:
            self.files[key] = item.image_id or item.document_id
            return self.files[key]
        found = self.locate(url)
        if found is not None and self.options.dry_run:
            # Storage is not transactional: a dry run must not leave copies of files behind.
            self.files[key] = None
            return None
        if found is None:
            if len(self.report.missing_files) < MAX_LISTED and url not in self.report.missing_files:
                self.report.missing_files.append(url)
            self.files[key] = None
            return None
        with transaction.atomic():
            title = (title or found.stem.replace("-", " ").replace("_", " "))[:255]
            fields = {"source_kind": self.source_kind, "source_key": key, "source_name": self.source_name}
            fields.update(original_url=url[:500], content_hash=uuid.uuid5(uuid.NAMESPACE_URL, key).hex)
            self.files[key] = store_file(found, kind, title, fields)
        return self.files[key]

    def import_attachment(self, entry):
        """An attachment item of a WordPress export becomes an image or document if its file is here."""
        if not self.options.media_dir:
            return
        attachment = entry.attachments[0]
        key = self.file_key(attachment.url)
        known = (
            self.files.get(key)
            or ImportedItem.objects.filter(source_kind=self.source_kind, source_key=key).exists()
        )
        if known:
            self.report.record(Outcome.SKIPPED, entry.position, entry.title)
            return
        kind = attachment.kind or file_kind(attachment.url)
        try:
            found = self.resolve_file(attachment.url, kind, entry.title)
        except (OSError, ValueError, DatabaseError) as error:
            self.forget_cached()
            self.report.record(
                Outcome.FAILED, entry.position, entry.title, _("File not imported: %s") % error
            )
            return
        if found:
            self.report.record(Outcome.CREATED, entry.position, entry.title)
        else:
            reason = _("The file %s was not supplied alongside the export.") % attachment.url
            self.report.record(Outcome.SKIPPED, entry.position, entry.title, reason)
