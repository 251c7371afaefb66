"""A visitor joins by standing order, the membership secretary records the payment, and the member
signs in with the code emailed to them and sees their membership active."""

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from chasqui.core.testing.smtp import smtp_server, text_body  # noqa: F401 (fixture)
from chasqui.demo.members import configure_demo_settings, create_demo_plans
from chasqui.membership.models import Member
from chasqui.membership.permissions import ensure_secretary_group
from chasqui.membership.tests.factories import make_member, make_payment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-secretary-passphrase"
EMAIL = "valeria.mamani@example.org"


@pytest.fixture
def membership_site(demo):
    create_demo_plans()
    configure_demo_settings()
    return demo


@pytest.fixture
def secretary(membership_site):
    user = get_user_model().objects.create_user("secretary-in-test", "secretary@example.org", PASSWORD)
    user.groups.add(ensure_secretary_group())
    return user


def email_about(server, address, subject_part, timeout=5.0):
    """The email whose subject has `subject_part` among everything sent to `address`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in server.messages_to(address):
            if subject_part in message["Subject"]:
                return message
        time.sleep(0.05)
    raise AssertionError(f"no {subject_part!r} email; subjects: {[m['Subject'] for m in server.messages]}")


def sign_in_email(server, address, timeout=5.0):
    """The sign-in email among everything sent to `address` (welcome, receipt, ...)."""
    return email_about(server, address, "sign-in code", timeout)


def test_join_by_standing_order_then_sign_in_and_see_membership_active(
    page,
    browser,
    membership_site,
    secretary,
    smtp_server,  # noqa: F811
):
    # A visitor joins, paying by standing order.
    page.goto("/members/join/")
    form = page.locator("form.join-form")
    form.get_by_label("First name").fill("Valeria")
    form.get_by_label("Last name").fill("Mamani")
    form.get_by_label("Email address").fill(EMAIL)
    form.get_by_label("Address line 1").fill("14 Cedar Close")
    form.get_by_label("Town or city").fill("Bristol")
    form.get_by_label("Postcode").fill("bs1 4dj")
    form.get_by_role("radio", name=re.compile(r"^Individual")).check()
    form.get_by_role("radio", name="Standing order or bank transfer").check()
    form.get_by_role("button", name="Join").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you, Valeria")
    member = Member.objects.get(email=EMAIL)
    assert member.status == "pending"
    assert member.postcode == "BS1 4DJ"
    expect(page.locator("main")).to_contain_text("Check your email")
    assert member.number in text_body(email_about(smtp_server, EMAIL, "membership number"))

    # The secretary sees the standing order arrive and records it in the admin.
    secretary_page = browser.new_context(base_url=page.url.split("/members/")[0]).new_page()
    secretary_page.goto("/admin/")
    secretary_page.get_by_label("Username").fill(secretary.username)
    secretary_page.get_by_label("Password").fill(PASSWORD)
    secretary_page.get_by_role("button", name="Sign in").click()
    expect(secretary_page).to_have_url(re.compile(r"/admin/$"))
    secretary_page.goto(reverse("member:record_payment", args=[member.pk]))
    expect(secretary_page.get_by_label("Reference")).to_have_value(member.number)
    secretary_page.get_by_role("button", name="Record payment").click()
    expect(secretary_page.locator(".messages")).to_contain_text("recorded")
    member.refresh_from_db()
    assert member.status == "active"

    # The member signs in with the code emailed to them.
    page.goto("/members/")
    expect(page).to_have_url(re.compile(r"/members/sign-in/"))
    page.get_by_label("Your email address").fill(EMAIL)
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")

    message = sign_in_email(smtp_server, EMAIL)
    code = re.search(r"^\s*(\d{6})\s*$", text_body(message), re.MULTILINE).group(1)
    page.get_by_label("Sign-in code").fill(code)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your membership")
    expect(page.locator(".members-summary__number")).to_have_text(member.number)
    expect(page.locator(".members-summary__status")).to_have_text("Active")
    expect(page.locator("main")).to_contain_text(member.expires_on.strftime("%-d %B %Y"))
    expect(page.get_by_role("link", name=re.compile(r"^Receipt"))).to_have_count(1)


def blocking_violations(page):
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


def test_members_area_pages_are_accessible(page, membership_site, smtp_server):  # noqa: F811
    member = make_member(active=True, email=EMAIL, first_name="Valeria", last_name="Mamani")
    payment = make_payment(member=member)

    page.goto("/members/sign-in/")
    page.get_by_role("button", name="Email me a code").click()  # empty: an error next to the field
    problems = {"sign in with an error": blocking_violations(page)}
    page.get_by_label("Your email address").fill(EMAIL)
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("Sign-in code").fill("12345")  # five digits: an error next to the field
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#id_code_error")).to_contain_text("six digits")
    problems["code with an error"] = blocking_violations(page)
    code = re.search(r"^\s*(\d{6})\s*$", text_body(sign_in_email(smtp_server, EMAIL)), re.MULTILINE).group(1)
    page.get_by_label("Sign-in code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your membership")

    for name in (
        "account",
        "change_plan",
        "change_payment_method",
        "update_consents",
        "gift_aid",
        "cancel",
        "erase",
    ):
        page.goto(reverse(f"membership:{name}"))
        problems[name] = blocking_violations(page)
    page.goto(reverse("membership:receipt", args=[payment.pk]))
    problems["receipt"] = blocking_violations(page)
    page.goto(reverse("membership:update_address"))
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_role("button", name="Save address").click()
    expect(page.locator("#id_postcode_error")).to_contain_text("UK postcode")
    problems["address with an error"] = blocking_violations(page)

    problems = {name: found for name, found in problems.items() if found}
    assert not problems, problems
