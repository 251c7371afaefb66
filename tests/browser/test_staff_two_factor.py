"""A new editor signs in, sets up an authenticator app from the key shown, and reaches the dashboard."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def editor(demo, django_user_model):
    user = django_user_model.objects.create_user("new-editor", "new-editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.CHASQUI_REQUIRE_2FA = True


def test_staff_sign_in_enrols_an_authenticator_then_reaches_the_dashboard(page, editor):
    page.goto("/admin/pages/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/admin/two-factor/enrol/"))
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    secret = page.locator("[data-two-factor-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
