"""Staff see the list in the Wagtail admin; only superusers and permitted groups see it at all."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def logged_in(client, username, *, superuser=False, group=None):
    User = get_user_model()
    if superuser:
        User.objects.create_superuser(username=username, email=f"{username}@example.org", password=PASSWORD)
    else:
        user = User.objects.create_user(username=username, password=PASSWORD)
        if group:
            user.groups.add(Group.objects.get(name=group))
    assert client.login(username=username, password=PASSWORD)
    return client


def assert_refused(response):
    """Wagtail answers a permission refusal with a redirect to the dashboard and a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def listed(make_subscriber):
    return {
        "ana": make_subscriber(
            "ana@example.org", SubscriberStatus.SUBSCRIBED, name="Ana Quispe", language="es"
        ),
        "bob": make_subscriber("bob@example.org", SubscriberStatus.BOUNCED, name="Bob Smith"),
    }


def test_superuser_lists_searches_and_filters_subscribers(client, site_tree, listed):
    logged_in(client, "admin", superuser=True)
    index = reverse("subscriber_admin:index")
    page = client.get(index)
    assert page.status_code == 200
    assert "ana@example.org" in page.content.decode()
    assert "bob@example.org" in page.content.decode()

    found = client.get(index, {"q": "quispe"}).content.decode()
    assert "ana@example.org" in found
    assert "bob@example.org" not in found

    bounced = client.get(index, {"status": "bounced"}).content.decode()
    assert "bob@example.org" in bounced
    assert "ana@example.org" not in bounced

    spanish = client.get(index, {"language": "es"}).content.decode()
    assert "ana@example.org" in spanish
    assert "bob@example.org" not in spanish


def test_detail_shows_the_consent_ledger(client, site_tree, listed):
    logged_in(client, "admin", superuser=True)
    page = client.get(reverse("subscriber_admin:inspect", args=[listed["ana"].pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Consent ledger" in body
    assert "Imported from a list" in body
    assert body.count('class="consent-event"') == 1


def test_staff_status_change_goes_through_the_ledger(client, site_tree, listed):
    logged_in(client, "admin", superuser=True)
    ana = listed["ana"]
    response = client.post(
        reverse("subscriber_admin:edit", args=[ana.pk]),
        {"name": "Ana Q.", "language": "es", "status": SubscriberStatus.UNSUBSCRIBED},
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.name, ana.status) == ("Ana Q.", SubscriberStatus.UNSUBSCRIBED)
    last = ana.consent_events.last()
    assert (last.cause, last.detail) == (ConsentCause.ADMIN, "by admin")


def test_staff_adding_an_address_sends_a_confirmation(client, site_tree, smtp_server):
    logged_in(client, "admin", superuser=True)
    response = client.post(
        reverse("subscriber_admin:add"), {"email": "New@Example.org", "name": "New", "language": "en"}
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="new@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.consent_events.get().cause == ConsentCause.ADMIN
    assert smtp_server.wait_for(1)[0]["To"] == "new@example.org"


def test_import_view_dry_run_then_import(client, site_tree):
    logged_in(client, "admin", superuser=True)
    url = reverse("subscriber_admin:import")
    assert client.get(url).status_code == 200
    content = b"Email Address,Name,Language,Status\nana@example.org,Ana,es,subscribed\n"

    dry = client.post(url, {"file": SimpleUploadedFile("list.csv", content), "dry_run": "on"})
    assert dry.status_code == 200
    assert "Dry run" in dry.content.decode()
    assert Subscriber.objects.count() == 0

    done = client.post(url, {"file": SimpleUploadedFile("list.csv", content)})
    assert done.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED
    assert "list.csv" in subscriber.consent_events.get().detail


def test_import_view_shows_row_errors_and_writes_nothing(client, site_tree):
    logged_in(client, "admin", superuser=True)
    content = b"email,status\nana@example.org,subscribed\nnope,subscribed\n"
    response = client.post(reverse("subscriber_admin:import"), {"file": SimpleUploadedFile("l.csv", content)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Line 3:" in body
    assert "nope" in body
    assert Subscriber.objects.count() == 0


def test_export_view_downloads_csv_filtered_by_status(client, site_tree, listed):
    logged_in(client, "admin", superuser=True)
    url = reverse("subscriber_admin:export")
    assert client.get(url).status_code == 200
    response = client.get(url, {"status": "bounced"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = response.content.decode().splitlines()
    assert len(rows) == 2
    assert rows[1].startswith("bob@example.org,")


def test_editor_group_can_view_but_not_change_or_import(client, site_tree, listed):
    logged_in(client, "eduardo", group="Editor")
    assert "ana@example.org" in client.get(reverse("subscriber_admin:index")).content.decode()
    assert client.get(reverse("subscriber_admin:inspect", args=[listed["ana"].pk])).status_code == 200
    assert client.get(reverse("subscriber_admin:export"), {"status": ""}).status_code == 200

    assert_refused(client.get(reverse("subscriber_admin:import")))
    edit = client.post(
        reverse("subscriber_admin:edit", args=[listed["ana"].pk]),
        {"name": "x", "language": "en", "status": "unsubscribed"},
    )
    assert_refused(edit)
    listed["ana"].refresh_from_db()
    assert listed["ana"].status == SubscriberStatus.SUBSCRIBED


def test_admin_user_without_the_permission_sees_no_subscribers(client, site_tree, listed):
    logged_in(client, "carmen", group="Contributor")
    assert_refused(client.get(reverse("subscriber_admin:index")))
    assert_refused(client.get(reverse("subscriber_admin:export"), {"status": ""}))
    assert_refused(client.get(reverse("subscriber_admin:inspect", args=[listed["ana"].pk])))
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("subscriber_admin:index") not in home.content.decode()
