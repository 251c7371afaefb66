"""Builders for publication tests: pages with authors and partners, real documents and images."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from chasqui.publications.models import (
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    PublicationPartner,
)


def publications_index_of(home):
    return PublicationIndexPage.objects.child_of(home).get()


def make_document(title="Report PDF", size=2048, filename="report.pdf"):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(b"%PDF-1.4\n" + b"0" * (size - 9)), save=False)
    document.save()
    return document


def make_image(title="Cover", description="Miners meeting community leaders"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 85), "#8c1c13").save(buffer, "PNG")
    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(ContentFile(buffer.getvalue(), name="cover.png"), name="cover.png")
    image.save()
    return image


def add_publication(index, title, date=datetime.date(2019, 3, 23), authors=(), partners=(), **fields):
    """`partners` are (name, url) pairs."""
    fields.setdefault("summary_text", "<p>What good dialogue looks like.</p>")
    page = PublicationPage(
        title=title,
        date=date,
        authors=[PublicationAuthor(name=name) for name in authors],
        partners=[PublicationPartner(name=name, url=url) for name, url in partners],
        **fields,
    )
    index.add_child(instance=page)
    return page
