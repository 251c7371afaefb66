"""Reports → Site history's CSV and XLSX exports say from where each entry was made."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from chasqui.core.tests.test_page_edit_lock import edit_data
from chasqui.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.47"


@pytest.fixture
def published_from_an_address(client, admin_user, site_tree):
    news_index = NewsIndexPage.objects.child_of(site_tree["en"]).get()
    page = NewsItemPage(title="Exported story", date=datetime.date(2026, 11, 30), lede="A lede.", live=False)
    news_index.add_child(instance=page)
    page.save_revision()
    client.force_login(admin_user)
    data = edit_data(client, page, lede="An edited lede.", **{"action-publish": "1"})
    client.post(f"/admin/pages/{page.pk}/edit/", data, REMOTE_ADDR=ADDRESS)
    page.save_revision().publish()  # after the request, as a scheduled job does: from nowhere
    return page


def publish_rows(rows):
    return [row for row in rows if row["Action type"] == "Publish" and row["Name"] == "Exported story"]


def test_the_csv_export_has_the_client_address(client, published_from_an_address):
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert sorted(row["From address"] for row in publish_rows(rows)) == ["", ADDRESS]


def test_the_xlsx_export_has_the_client_address(client, published_from_an_address):
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, *values = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = [dict(zip(headings, row, strict=True)) for row in values]

    assert sorted(row["From address"] or "" for row in publish_rows(rows)) == ["", ADDRESS]
