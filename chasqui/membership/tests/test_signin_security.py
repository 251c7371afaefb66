"""Sign-in against an attacker: guesses add up across codes, emails are bounded, the link hides the
code, the answers say nothing about who is a member, and sessions end."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from chasqui.membership.account import signin
from chasqui.membership.account import views as account_views
from chasqui.membership.models import Member, SignInCode
from chasqui.membership.tests.factories import make_member

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("membership:sign_in")
ENTER_CODE = reverse("membership:enter_code")
ACCOUNT = reverse("membership:account")


@pytest.fixture
def member(site_tree):
    return make_member(active=True, email="rosa@example.org", first_name="Rosa")


def last_code(mailoutbox):
    return re.search(r"^\s*(\d{6})\s*$", mailoutbox[-1].body, re.MULTILINE).group(1)


def last_link(mailoutbox):
    url = re.search(r"https?://\S+/sign-in/link/\S+/", mailoutbox[-1].body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_guesses_add_up_across_new_codes_and_lock_sign_in(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(signin.DAILY_FAILURES // 2):
            _sign_in_code, code = signin.issue_code(member)
            for _ in range(2):
                assert signin.check_code(member.email, wrong(code)).outcome != signin.Outcome.SIGNED_IN
        _sign_in_code, code = signin.issue_code(member)
        assert signin.check_code(member.email, code).outcome == signin.Outcome.LOCKED
        _sign_in_code, code = signin.issue_code(member)
        assert signin.check_code(member.email, wrong(code)).outcome == signin.Outcome.LOCKED

    member.refresh_from_db()
    assert signin.is_locked(member)
    notices = [message for message in mailoutbox if "paused" in message.subject]
    assert len(notices) == 1
    assert notices[0].to == [member.email]

    with time_machine.travel(timezone.now() + signin.LOCK_PERIOD + datetime.timedelta(minutes=1)):
        _sign_in_code, code = signin.issue_code(member)
        assert signin.check_code(member.email, code).outcome == signin.Outcome.SIGNED_IN


def test_a_locked_member_is_not_sent_codes(client, member, mailoutbox):
    Member.objects.filter(pk=member.pk).update(sign_in_locked_until=timezone.now() + signin.LOCK_PERIOD)
    client.post(SIGN_IN, {"email": member.email})
    assert mailoutbox == []


def test_a_new_code_does_not_give_more_guesses(client, member, mailoutbox):
    client.post(SIGN_IN, {"email": member.email})
    for _ in range(signin.MAX_ATTEMPTS):
        client.post(ENTER_CODE, {"code": wrong(last_code(mailoutbox))})
    client.post(SIGN_IN, {"email": member.email})
    response = client.post(ENTER_CODE, {"code": last_code(mailoutbox)})
    assert response.status_code == 429
    assert client.session.get(signin.SESSION_KEY) is None


def test_guesses_are_capped_for_the_day_even_with_new_codes(client, member, mailoutbox):
    start = timezone.now()
    guesses = 0
    for quarter in range(8):
        with time_machine.travel(start + datetime.timedelta(minutes=16 * quarter), tick=False):
            client.post(SIGN_IN, {"email": member.email})
            for _ in range(signin.MAX_ATTEMPTS):
                if client.post(ENTER_CODE, {"code": "000000"}).status_code == 400:
                    guesses += 1
    assert guesses == signin.DAILY_FAILURES
    with time_machine.travel(start + datetime.timedelta(hours=3), tick=False):
        client.post(SIGN_IN, {"email": member.email})
        response = client.post(ENTER_CODE, {"code": last_code(mailoutbox)})
    assert response.status_code == 429
    assert client.session.get(signin.SESSION_KEY) is None


def test_a_days_sign_in_emails_to_one_address_are_bounded(client, member, mailoutbox):
    start = timezone.now()
    for step in range(80):  # every 16 minutes for 21 hours
        with time_machine.travel(start + datetime.timedelta(minutes=16 * step), tick=False):
            client.post(SIGN_IN, {"email": member.email})
    assert len(mailoutbox) == account_views.CODE_REQUESTS_PER_EMAIL_PER_DAY


def test_the_link_does_not_carry_the_code(client, member, mailoutbox):
    client.post(SIGN_IN, {"email": member.email})
    code, link = last_code(mailoutbox), last_link(mailoutbox)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    data = signing.loads(token, salt=signin.LINK_SALT)
    assert code not in str(data)
    assert code not in link
    assert SignInCode.objects.get(member=member).link_hash
    assert client.post(link).status_code == 302


def test_the_code_page_answers_members_and_others_alike_at_every_attempt(client, member, mailoutbox):
    other = client.__class__()
    client.post(SIGN_IN, {"email": member.email})
    other.post(SIGN_IN, {"email": "nobody@example.org"})

    def answer(browser, email):
        response = browser.post(ENTER_CODE, {"code": "000000" if last_code(mailoutbox) != "000000" else "1"})
        text = response.content.decode().replace(email, "EMAIL")
        # CSRF tokens and CSP nonces differ on every response, whoever asks.
        return response.status_code, re.sub(r'value="[^"]{32,}"|nonce="[^"]+"', "", text)

    for _attempt in range(signin.MAX_ATTEMPTS + 3):
        assert answer(client, member.email) == answer(other, "nobody@example.org")


def signed_in_client(client, member, mailoutbox):
    client.post(SIGN_IN, {"email": member.email})
    client.post(ENTER_CODE, {"code": last_code(mailoutbox)})
    assert client.session.get(signin.SESSION_KEY) == member.pk
    return client


def test_session_key_changes_on_sign_in_by_link(client, member, mailoutbox):
    client.post(SIGN_IN, {"email": member.email})
    link = last_link(mailoutbox)
    client.get(link)
    before = client.session.session_key
    assert client.post(link).status_code == 302
    assert client.session.session_key != before
    assert client.session.get(signin.SESSION_KEY) == member.pk


def test_sign_out_everywhere_ends_every_session_of_the_member(client, member, mailoutbox):
    phone = signed_in_client(client.__class__(), member, mailoutbox)
    laptop = signed_in_client(client, member, mailoutbox)
    assert phone.get(ACCOUNT).status_code == 200
    assert "Sign out on every device" in laptop.get(ACCOUNT).content.decode()

    response = laptop.post(reverse("membership:sign_out_everywhere"))
    assert response["Location"] == SIGN_IN
    assert phone.get(ACCOUNT).status_code == 302
    assert laptop.get(ACCOUNT).status_code == 302
    assert signed_in_client(laptop, member, mailoutbox).get(ACCOUNT).status_code == 200


def test_session_ends_after_idle_days(client, member, mailoutbox, settings):
    settings.CHASQUI_MEMBER_IDLE_DAYS = 2
    signed_in_client(client, member, mailoutbox)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=23)):
        assert client.get(ACCOUNT).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert client.get(ACCOUNT).status_code == 302


def test_session_ends_after_its_lifetime_however_active(client, member, mailoutbox, settings):
    settings.CHASQUI_MEMBER_IDLE_DAYS = 2
    settings.CHASQUI_MEMBER_SESSION_DAYS = 14
    signed_in_client(client, member, mailoutbox)
    start = timezone.now()
    for day in range(1, 14):
        with time_machine.travel(start + datetime.timedelta(days=day)):
            assert client.get(ACCOUNT).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=14, hours=1)):
        assert client.get(ACCOUNT).status_code == 302
