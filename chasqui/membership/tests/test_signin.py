"""Signing in to the members' area with an emailed one-time code or link."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from chasqui.core.testing.smtp import text_body
from chasqui.membership.account import signin
from chasqui.membership.models import SignInCode
from chasqui.membership.tests.factories import make_member

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("membership:sign_in")
ENTER_CODE = reverse("membership:enter_code")
ACCOUNT = reverse("membership:account")


def code_in(text):
    return re.search(r"^\s*(\d{6})\s*$", text, re.MULTILINE).group(1)


def emailed_code(message):
    return code_in(text_body(message))


def emailed_link_path(message):
    url = re.search(r"https?://\S+/sign-in/link/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def request_code(client, email):
    return client.post(SIGN_IN, {"email": email})


def signed_in_member_id(client):
    return client.session.get(signin.SESSION_KEY)


@pytest.fixture
def member(site_tree):
    return make_member(active=True, email="rosa@example.org", first_name="Rosa")


def test_code_sent_through_smtp_signs_in_once(client, member, smtp_server):
    response = request_code(client, "  Rosa@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == ENTER_CODE

    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "rosa@example.org"
    code = emailed_code(message)
    assert code in message["Subject"]
    stored = SignInCode.objects.get(member=member)
    assert code not in stored.code_hash
    assert len(stored.code_hash) == 64

    response = client.post(ENTER_CODE, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert signed_in_member_id(client) == member.pk
    assert client.get(ACCOUNT).status_code == 200

    client.post(reverse("membership:sign_out"))
    assert signed_in_member_id(client) is None
    session = client.session
    session[signin.PENDING_EMAIL_SESSION_KEY] = member.email
    session.save()
    response = client.post(ENTER_CODE, {"code": code})
    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert signed_in_member_id(client) is None


def test_unknown_email_gets_the_same_answer_and_no_email(client, member, smtp_server):
    known = request_code(client, member.email)
    smtp_server.wait_for(1)
    unknown = request_code(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])

    page = client.get(ENTER_CODE).content.decode()
    assert "If <strong>nobody@example.org</strong> belongs to a member" in page
    assert len(smtp_server.messages) == 1
    response = client.post(ENTER_CODE, {"code": "123456"})
    assert response.status_code == 400
    assert "not right" in response.content.decode()


def test_expired_code_is_refused(client, member, mailoutbox):
    request_code(client, member.email)
    code = emailed_code_from_outbox(mailoutbox)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = client.post(ENTER_CODE, {"code": code})
    assert response.status_code == 400
    assert signed_in_member_id(client) is None


def test_five_wrong_codes_lock_the_code(client, member, mailoutbox):
    request_code(client, member.email)
    code = emailed_code_from_outbox(mailoutbox)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    statuses = [client.post(ENTER_CODE, {"code": wrong}).status_code for _ in range(signin.MAX_ATTEMPTS)]
    assert statuses == [400] * signin.MAX_ATTEMPTS  # as for an address that is nobody's
    response = client.post(ENTER_CODE, {"code": code})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert signed_in_member_id(client) is None
    assert SignInCode.objects.get(member=member).attempts == signin.MAX_ATTEMPTS


def test_lock_holds_in_the_service_even_without_the_rate_limit(member):
    sign_in_code, code = signin.issue_code(member)
    for _ in range(signin.MAX_ATTEMPTS):
        signin.check_code(member.email, "000000" if code != "000000" else "111111")
    assert signin.check_code(member.email, code).outcome == signin.Outcome.LOCKED


def test_link_signs_in_only_on_post(client, member, mailoutbox):
    request_code(client, member.email)
    link = emailed_link_path(mailoutbox[0])
    other_browser = client.__class__()

    page = other_browser.get(link)
    assert page.status_code == 200
    assert signed_in_member_id(other_browser) is None
    assert '<form method="post">' in page.content.decode()
    assert SignInCode.objects.get(member=member).used_at is None

    response = other_browser.post(link)
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert signed_in_member_id(other_browser) == member.pk

    again = client.__class__().post(link)
    assert again.status_code == 400
    assert "does not work any more" in client.__class__().get(link).content.decode()


def test_tampered_link_is_refused(client, member, mailoutbox):
    request_code(client, member.email)
    link = emailed_link_path(mailoutbox[0])
    response = client.post(link.replace("/link/", "/link/x"))
    assert response.status_code == 400
    assert signed_in_member_id(client) is None


def test_session_key_changes_on_sign_in(client, member, mailoutbox):
    request_code(client, member.email)
    before = client.session.session_key
    client.post(ENTER_CODE, {"code": emailed_code_from_outbox(mailoutbox)})
    assert client.session.session_key != before
    assert signed_in_member_id(client) == member.pk


def test_new_code_replaces_the_old_one(client, member, mailoutbox):
    request_code(client, member.email)
    request_code(client, member.email)
    first, second = (code_in(message.body) for message in mailoutbox)
    assert SignInCode.objects.filter(member=member, expires_at__gt=timezone.now()).count() == 1
    if first != second:
        assert client.post(ENTER_CODE, {"code": first}).status_code == 400
    assert client.post(ENTER_CODE, {"code": second}).status_code == 302


def test_code_requests_are_rate_limited_per_address(client, member, mailoutbox):
    for _ in range(5):
        response = request_code(client, member.email)
        assert response.status_code == 302
    assert len(mailoutbox) == 3


def test_code_requests_are_rate_limited_per_connection(client, site_tree, mailoutbox):
    statuses = [request_code(client, f"someone{n}@example.org").status_code for n in range(12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]


def test_erased_member_gets_no_code(client, member, mailoutbox):
    member.erased_at = timezone.now()
    member.save()
    request_code(client, member.email)
    assert mailoutbox == []


def test_members_area_needs_sign_in_and_comes_back_after_it(client, member, mailoutbox):
    target = reverse("membership:change_plan")
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fmembers%2Fplan%2F"
    client.post(response["Location"], {"email": member.email})
    response = client.post(ENTER_CODE, {"code": emailed_code_from_outbox(mailoutbox)})
    assert response["Location"] == target


def test_next_cannot_send_the_member_elsewhere(client, member, mailoutbox):
    client.post(f"{SIGN_IN}?next=https://evil.example/", {"email": member.email})
    response = client.post(ENTER_CODE, {"code": emailed_code_from_outbox(mailoutbox)})
    assert response["Location"] == ACCOUNT


def test_email_is_in_the_members_language(client, site_tree, mailoutbox):
    member = make_member(active=True, language="es")
    request_code(client, member.email)
    assert "/es/members/sign-in/link/" in mailoutbox[0].body


def test_sign_out_needs_post(client, member):
    session = client.session
    session[signin.SESSION_KEY] = member.pk
    session.save()
    assert client.get(reverse("membership:sign_out")).status_code == 405
    assert signed_in_member_id(client) == member.pk


def emailed_code_from_outbox(mailoutbox):
    return code_in(mailoutbox[-1].body)
