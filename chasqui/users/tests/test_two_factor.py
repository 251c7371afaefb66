"""Everyone who signs in to the admin passes a second factor: an authenticator app or a recovery code."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from chasqui.users import two_factor
from chasqui.users.tests.factories import PASSWORD, authenticator_for, current_code, staff_user

pytestmark = pytest.mark.django_db
ENROL_URL = "/admin/two-factor/enrol/"
VERIFY_URL = "/admin/two-factor/verify/"


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.CHASQUI_REQUIRE_2FA = True


@pytest.fixture
def editor():
    return staff_user("editor", group="Editor")


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/snippets/"])
def test_staff_without_a_device_are_sent_to_enrol_from_any_admin_page(client, editor, path):
    response = signed_in(client, editor).get(path)
    assert response.status_code == 302
    assert response.url.startswith(ENROL_URL)
    assert f"next={path}" in response.url.replace("%2F", "/")


def enrol_page(client):
    response = client.get(ENROL_URL, {"next": "/admin/pages/"})
    assert response.status_code == 200
    return response


def test_enrolment_shows_a_qr_code_inline_and_the_secret_as_text(client, editor):
    html = enrol_page(signed_in(client, editor)).content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert "<svg" in html
    secret = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", html).group(1)
    assert b32decode(secret.replace(" ", "")) == device.bin_key


def test_enrolment_with_a_valid_code_lets_them_in(client, editor):
    enrol_page(signed_in(client, editor))
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(ENROL_URL, {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 200
    assert len(response.context["codes"]) == two_factor.RECOVERY_CODE_COUNT
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_computed_from_the_secret_shown_confirms_enrolment(client, editor):
    html = enrol_page(signed_in(client, editor)).content.decode()
    secret = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    code = f"{TOTP(b32decode(secret)).token():06d}"
    client.post(ENROL_URL, {"code": code})
    assert client.get("/admin/").status_code == 200


def test_enrolment_with_a_wrong_code_does_not_let_them_in(client, editor):
    enrol_page(signed_in(client, editor))
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL_URL, {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").url.startswith(ENROL_URL)


def test_staff_with_a_device_enter_a_code_after_their_password(client, editor):
    device = authenticator_for(editor)
    response = signed_in(client, editor).get("/admin/pages/")
    assert response.url.startswith(VERIFY_URL)
    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_at_sign_in_does_not_let_them_in(client, editor):
    device = authenticator_for(editor)
    signed_in(client, editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY_URL, {"code": wrong})
    assert response.status_code == 200
    assert client.get("/admin/").url.startswith(VERIFY_URL)


def test_a_recovery_code_works_once(client, editor):
    authenticator_for(editor)
    code = two_factor.issue_recovery_codes(editor)[0]
    signed_in(client, editor)
    assert client.post(VERIFY_URL, {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    signed_in(client, editor)
    response = client.post(VERIFY_URL, {"code": code})
    assert response.status_code == 200
    assert client.get("/admin/").url.startswith(VERIFY_URL)


def test_new_recovery_codes_replace_the_old_ones(editor):
    old = two_factor.issue_recovery_codes(editor)
    new = two_factor.issue_recovery_codes(editor)
    assert two_factor.remaining_recovery_codes(editor) == two_factor.RECOVERY_CODE_COUNT
    assert not set(old) & set(new)


def test_a_password_alone_cannot_replace_the_authenticator(client, editor):
    device = authenticator_for(editor)
    response = signed_in(client, editor).get(ENROL_URL)
    assert response.url.startswith(VERIFY_URL)
    assert list(TOTPDevice.objects.filter(user=editor)) == [device]


def test_after_sign_in_the_next_page_must_be_our_own(client, editor):
    device = authenticator_for(editor)
    signed_in(client, editor)
    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


@pytest.mark.parametrize("group", ["Membership secretary", "Editor", "Contributor"])
def test_every_admin_role_is_required(client, group):
    user = staff_user("someone", group=group)
    assert two_factor.requires_two_factor(user)
    assert signed_in(client, user).get("/admin/").url.startswith(ENROL_URL)


def test_superusers_are_required(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    assert signed_in(client, admin).get("/admin/").url.startswith(ENROL_URL)


def test_users_without_admin_access_are_not_asked(client):
    user = staff_user("reader")
    assert not two_factor.requires_two_factor(user)


def test_the_requirement_can_be_switched_off(client, editor, settings):
    settings.CHASQUI_REQUIRE_2FA = False
    assert signed_in(client, editor).get("/admin/").status_code == 200


def test_the_account_page_makes_new_recovery_codes(client, editor):
    device = authenticator_for(editor)
    signed_in(client, editor).post(VERIFY_URL, {"code": current_code(device)})
    assert client.get("/admin/two-factor/").status_code == 200
    response = client.post("/admin/two-factor/")
    assert len(response.context["codes"]) == two_factor.RECOVERY_CODE_COUNT
