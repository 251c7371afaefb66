"""Failed admin sign-ins lock out the account and the address; the secretary can lift a lock-out."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from chasqui.users.tests.factories import PASSWORD, staff_user

pytestmark = pytest.mark.django_db
LOGIN_URL = "/admin/login/"
LOCKOUTS_URL = "/admin/sign-in-lockouts/"
LIFT_URL = "/admin/sign-in-lockouts/lift/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def editor():
    return staff_user("editor", group="Editor")


def sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, username, times, **kwargs):
    return [sign_in(client, username, "not-the-password", **kwargs) for _ in range(times)]


def test_the_account_is_locked_after_too_many_failures_with_a_clear_message(client, editor):
    first, second, third = fail(client, "editor", 3)
    assert first.status_code == second.status_code == 200  # the sign-in form again
    assert third.status_code == 429
    assert "Too many failed sign-ins" in third.content.decode()
    assert "lift the lock-out" in third.content.decode()
    locked = sign_in(client, "editor", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_account_stays_locked_from_another_address(client, editor):
    fail(client, "editor", 3, address="203.0.113.7")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 429


def test_an_address_is_locked_whatever_account_it_tries(client, editor):
    for name in ("alice", "bob", "carol"):
        fail(client, name, 1)
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 302


def test_forwarded_for_from_an_untrusted_peer_does_not_dodge_the_address_lock(client, editor, settings):
    settings.CHASQUI_TRUSTED_PROXIES = ["10.0.0.2"]
    for number, name in enumerate(("alice", "bob", "carol")):
        fail(client, name, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_trusted_proxy_the_real_client_is_locked_not_the_proxy(client, editor, settings):
    settings.CHASQUI_TRUSTED_PROXIES = ["10.0.0.2"]
    fail(client, "someone", 3, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}
    response = sign_in(client, "editor", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 302


def test_a_successful_sign_in_counts_no_failures(client, editor):
    fail(client, "editor", 2)
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    fail(client, "editor", 2)
    assert sign_in(client, "editor", PASSWORD).status_code == 302


@pytest.fixture
def secretary():
    return staff_user("secretary", group="Membership secretary")


def test_the_secretary_sees_the_lock_out_and_lifts_it(client, editor, secretary):
    fail(client, "editor", 3)
    client.force_login(secretary)
    listing = client.get(LOCKOUTS_URL)
    assert listing.status_code == 200
    locked = {(lockout.kind, lockout.value) for lockout in listing.context["lockouts"]}
    assert locked == {("account", "editor"), ("address", "203.0.113.7")}
    assert "Lift" in listing.content.decode()
    assert client.post(LIFT_URL, {"kind": "account", "value": "editor"}).status_code == 302
    assert client.post(LIFT_URL, {"kind": "address", "value": "203.0.113.7"}).status_code == 302
    assert client.get(LOCKOUTS_URL).context["lockouts"] == []
    client.logout()
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_lifting_the_account_lock_lets_the_person_in_from_a_new_address(client, editor):
    fail(client, "editor", 3)
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(admin)
    client.post(LIFT_URL, {"kind": "account", "value": "editor"})
    client.logout()
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 302


def test_a_superuser_sees_the_lock_outs_in_the_settings_menu(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(admin)
    assert LOCKOUTS_URL in client.get("/admin/").content.decode()


def test_editors_can_neither_see_nor_lift_lock_outs(client, editor):
    other = staff_user("other", group="Editor")
    fail(client, "other", 3)
    client.force_login(editor)
    # Wagtail turns a refused admin view into a redirect to the dashboard with a message.
    assert client.get(LOCKOUTS_URL).url == "/admin/"
    assert client.post(LIFT_URL, {"kind": "account", "value": "other"}).url == "/admin/"
    assert AccessAttempt.objects.filter(username=other.username).exists()
    assert LOCKOUTS_URL not in client.get("/admin/").content.decode()
