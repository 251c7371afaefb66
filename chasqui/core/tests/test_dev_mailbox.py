"""The development mailbox: sent emails kept whole as .eml files and read in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.core.mail import EmailMultiAlternatives, mailers

from chasqui.core.dev_mailbox import BACKEND

pytestmark = pytest.mark.django_db

LONG_LINK = "http://127.0.0.1:8101/subscribe/confirm/" + "a1b2c3d4e5" * 12 + "/"


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.MAILERS = {"default": {"BACKEND": BACKEND, "OPTIONS": {"file_path": str(tmp_path / "mail")}}}
    return tmp_path / "mail"


def send(subject="Confirm your subscription", html=True):
    message = EmailMultiAlternatives(
        subject, f"Confirm here:\n{LONG_LINK}\n", "noreply@example.org", ["reader@example.org"]
    )
    if html:
        message.attach_alternative(f'<p onclick="x()">Hi</p><a href="{LONG_LINK}">Confirm</a>', "text/html")
    message.send()


def test_each_email_is_one_eml_file_with_its_links_whole(mailbox):
    send()
    send("Second")

    files = sorted(mailbox.glob("*.eml"))
    assert len(files) == 2
    with mailers.default as connection:
        assert connection.file_path == mailbox
    raw = files[0].read_bytes()
    assert b"Subject: Confirm your subscription" in raw


def test_superusers_read_the_mailbox_in_the_admin(mailbox, admin_client):
    send()

    home = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    assert "/admin/dev-mailbox/" in str(home)

    listing = BeautifulSoup(admin_client.get("/admin/dev-mailbox/").content, "html.parser")
    rows = listing.select("tbody tr")
    assert len(rows) == 1
    assert "reader@example.org" in rows[0].get_text()
    link = rows[0].find("a", string="Confirm your subscription")

    page = BeautifulSoup(admin_client.get(link["href"]).content, "html.parser")
    assert page.select_one("pre a")["href"] == LONG_LINK
    frame = page.find("iframe")
    assert frame.has_attr("sandbox")
    assert not frame["sandbox"]  # sandboxed with no allowances

    html = admin_client.get(frame["src"])
    assert html.status_code == 200
    assert "sandbox" in html["Content-Security-Policy"]
    assert LONG_LINK in html.content.decode()


def test_the_mailbox_is_hidden_from_editors_and_when_mail_goes_elsewhere(
    mailbox, admin_client, client, settings
):
    send()
    assert client.get("/admin/dev-mailbox/").status_code in (302, 403)

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    refused = admin_client.get("/admin/dev-mailbox/")
    assert refused.status_code in (302, 403)
    assert "reader@example.org" not in refused.content.decode()
    assert "/admin/dev-mailbox/" not in admin_client.get("/admin/").content.decode()


def test_a_message_id_cannot_leave_the_mailbox(mailbox, admin_client):
    send()

    assert admin_client.get("/admin/dev-mailbox/..%2F..%2Fetc%2Fpasswd/").status_code == 404
    assert admin_client.get("/admin/dev-mailbox/20260101-000000000000-zzzzzzzz/").status_code == 404
