"""Factories for publication tests: indexes and pages with authors and partners."""

import datetime

import factory

from chasqui.pages.tests.factories import DocumentFactory, ImageFactory, SitePageFactory, pdf_bytes
from chasqui.publications.models import (
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    PublicationPartner,
)


class PublicationIndexPageFactory(SitePageFactory):
    title = "Publications"

    class Meta:
        model = PublicationIndexPage


class PublicationPageFactory(SitePageFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    date = datetime.date(2019, 3, 23)
    summary_text = "<p>What good dialogue looks like.</p>"

    class Meta:
        model = PublicationPage


def publications_index_of(home):
    return PublicationIndexPage.objects.child_of(home).get()


def add_publication(index, title, date=datetime.date(2019, 3, 23), authors=(), partners=(), **fields):
    """`partners` are (name, url) pairs."""
    return PublicationPageFactory(
        parent=index,
        title=title,
        date=date,
        authors=[PublicationAuthor(name=name) for name in authors],
        partners=[PublicationPartner(name=name, url=url) for name, url in partners],
        **fields,
    )


def make_document(title="Report PDF", size=2048, filename="report.pdf"):
    return DocumentFactory(title=title, file__data=pdf_bytes(size), file__filename=filename)


def make_image(title="Cover", description="Miners meeting community leaders"):
    return ImageFactory(title=title, description=description)
