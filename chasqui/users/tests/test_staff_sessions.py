"""Staff sessions end after idle time, and every admin sign-in starts a new session id."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from chasqui.users.tests.factories import PASSWORD, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff_user("editor", group="Editor")


def test_a_staff_session_idle_longer_than_the_limit_is_signed_out(client, editor, settings):
    settings.CHASQUI_STAFF_IDLE_MINUTES = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(editor)
        assert client.get("/admin/").status_code == 200
        traveller.shift(timedelta(minutes=61))
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/?next=/admin/pages/")
        assert "_auth_user_id" not in client.session
        login_page = client.get(response.url)
        assert "signed out after 60 minutes without activity" in login_page.content.decode()


def test_activity_keeps_a_staff_session_alive(client, editor, settings):
    settings.CHASQUI_STAFF_IDLE_MINUTES = 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor)
        for _ in range(4):
            assert client.get("/admin/").status_code == 200
            traveller.shift(timedelta(minutes=50))
        assert client.get("/admin/").status_code == 200


def test_the_idle_limit_is_a_setting(client, editor, settings):
    settings.CHASQUI_STAFF_IDLE_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(editor)
        client.get("/admin/")
        traveller.shift(timedelta(minutes=6))
        assert client.get("/admin/").status_code == 302


def test_signing_in_to_the_admin_starts_a_new_session_id(client, editor):
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.session["_auth_user_id"] == str(editor.pk)
