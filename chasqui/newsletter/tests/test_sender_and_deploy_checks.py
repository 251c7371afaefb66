"""Every email is from the charity (Site settings) unless DEFAULT_FROM_EMAIL names a real sender;
`check --deploy` warns while the sender or the public address are still a developer's."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from chasqui.core import checks, mail
from chasqui.newsletter import services
from chasqui.newsletter.content import render_bulletin_email
from chasqui.subscribers import services as subscriber_services

pytestmark = pytest.mark.django_db

DEVELOPMENT_SENDER = "Chasqui <noreply@localhost>"


@override_settings(DEFAULT_FROM_EMAIL=DEVELOPMENT_SENDER)
def test_without_a_configured_sender_emails_are_from_the_charity(site_settings, smtp_server):
    assert mail.sender() == "Peru Watch Trust <office@example.org>"
    message = mail.build_email("subscribers/email/confirm", {"confirm_days": 7}, to="a@example.net")
    assert message.from_email == mail.sender()
    subscriber_services.sign_up("ana@example.net")
    (message,) = smtp_server.wait_for(1)
    assert message["From"] == "Peru Watch Trust <office@example.org>"


@override_settings(DEFAULT_FROM_EMAIL=DEVELOPMENT_SENDER)
def test_bulletins_and_tests_are_from_the_charity(site_settings, smtp_server, bulletin_with_items):
    assert render_bulletin_email(bulletin_with_items).from_email == "Peru Watch Trust <office@example.org>"
    services.send_test(bulletin_with_items, "proofreader@example.com")
    (message,) = smtp_server.messages
    assert message["From"] == "Peru Watch Trust <office@example.org>"


@override_settings(DEFAULT_FROM_EMAIL=DEVELOPMENT_SENDER)
def test_without_a_contact_email_the_name_still_is_the_charitys(site_settings):
    site_settings.email = ""
    site_settings.save()
    assert mail.sender() == "Peru Watch Trust <noreply@localhost>"


@override_settings(DEFAULT_FROM_EMAIL="Bulletin <bulletin@perusupport.org.uk>")
def test_a_configured_sender_wins(site_settings, bulletin_with_items):
    assert mail.sender() == "Bulletin <bulletin@perusupport.org.uk>"
    assert render_bulletin_email(bulletin_with_items).from_email == "Bulletin <bulletin@perusupport.org.uk>"


@pytest.mark.parametrize(
    ("address", "development"),
    [
        ("Chasqui <noreply@localhost>", True),
        ("webmaster@localhost", True),
        ("office@example.org", True),
        ("news@example.com", True),
        ("a@mail.example", True),
        ("a@host.invalid", True),
        ("a@box.local", True),
        ("", True),
        ("Peru Support Group <office@perusupport.org.uk>", False),
        ("news@examples.org", False),
    ],
)
def test_development_addresses_are_recognised(address, development):
    assert mail.is_development_address(address) is development


def warning_ids(messages):
    return {message.id for message in messages}


@override_settings(DEFAULT_FROM_EMAIL=DEVELOPMENT_SENDER)
def test_deploy_check_warns_about_a_development_sender(site_settings):
    site_settings.email = ""
    site_settings.save()
    assert warning_ids(checks.check_sender()) == {"chasqui.W001"}
    site_settings.email = "office@perusupport.org.uk"
    site_settings.save()
    assert checks.check_sender() == []


@pytest.mark.parametrize(
    ("base_url", "warns"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://news.perusupport.org.uk", True),
        ("https://localhost", True),
        ("", True),
        ("https://news.perusupport.org.uk", False),
    ],
)
def test_deploy_check_warns_about_a_development_base_url(settings, base_url, warns):
    settings.WAGTAILADMIN_BASE_URL = base_url
    assert bool(checks.check_base_url()) is warns


@override_settings(DEFAULT_FROM_EMAIL=DEVELOPMENT_SENDER, WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
def test_check_deploy_reports_both(site_settings):
    site_settings.email = ""
    site_settings.save()
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=StringIO(), stderr=StringIO())
    assert "chasqui.W001" in str(raised.value)
    assert "chasqui.W002" in str(raised.value)


@override_settings(
    DEFAULT_FROM_EMAIL="Bulletin <bulletin@perusupport.org.uk>",
    WAGTAILADMIN_BASE_URL="https://news.perusupport.org.uk",
    CHASQUI_BACKUP_AT="02:30",
)
def test_check_deploy_is_quiet_once_configured(site_settings):
    output = StringIO()
    call_command("check", "--deploy", "--tag", "chasqui", stdout=output, stderr=StringIO())
    assert "chasqui.W00" not in output.getvalue()
