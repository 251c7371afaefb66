"""Only the membership secretary (and superusers) see member data in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from chasqui.membership.models import Payment
from chasqui.membership.permissions import (
    SECRETARY_GROUP_NAME,
    SECRETARY_PERMISSIONS,
    ensure_secretary_group,
    is_membership_secretary,
)
from chasqui.membership.tests.admin_helpers import logged_in, make_editor, make_secretary, messages_of
from chasqui.membership.tests.factories import make_member


@pytest.fixture
def secretary(db):
    return make_secretary()


@pytest.fixture
def secretary_client(client, secretary):
    return logged_in(client, secretary)


@pytest.fixture
def editor_client(client, db):
    return logged_in(client, make_editor())


@pytest.fixture
def member(db):
    return make_member(last_name="Huamán", email="rosa@example.org")


def secretary_urls(member):
    return [
        reverse("member:index"),
        reverse("member:index") + "?export=csv",
        reverse("member:inspect", args=[member.pk]),
        reverse("member:edit", args=[member.pk]),
        reverse("member:record_payment", args=[member.pk]),
        reverse("member:cancel", args=[member.pk]),
        reverse("member:import"),
        reverse("member:gift_aid") + "?start=2020-01-01&end=2030-01-01&download=1",
        reverse("plan:index"),
    ]


def test_secretary_sees_members_and_the_membership_menu(secretary_client, member):
    response = secretary_client.get(reverse("member:index"))
    assert response.status_code == 200
    assert member.number in response.content.decode()
    home = secretary_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("member:index") in home
    assert "Membership" in home


def test_secretary_reaches_every_page(secretary_client, member):
    for url in secretary_urls(member):
        assert secretary_client.get(url).status_code == 200, url


def test_editor_is_refused_everywhere_and_sees_no_menu_item(editor_client, member):
    for url in secretary_urls(member):
        response = editor_client.get(url)
        # Wagtail answers a refused admin page by sending the user home with a message.
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home"), url
    response = editor_client.get(reverse("member:index"), follow=True)
    assert "do not have permission" in " ".join(messages_of(response))
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("member:index") not in home
    assert member.email not in home


def test_editor_cannot_record_a_payment(editor_client, member):
    response = editor_client.post(
        reverse("member:record_payment", args=[member.pk]),
        {"paid_on": "2026-01-05", "amount": "25.00", "method": "cheque", "reference": "X"},
    )
    assert response.status_code == 302
    assert not Payment.objects.exists()


def test_anonymous_visitor_is_sent_to_the_login_page(client, member):
    for url in secretary_urls(member):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_is_membership_secretary(db):
    superuser = get_user_model().objects.create_superuser("root", password="x")
    secretary = make_secretary()
    inactive = make_secretary("former")
    inactive.is_active = False
    inactive.save()
    assert is_membership_secretary(superuser)
    assert is_membership_secretary(secretary)
    assert not is_membership_secretary(make_editor())
    assert not is_membership_secretary(inactive)
    assert not is_membership_secretary(AnonymousUser())


def test_migration_and_ensure_secretary_group_grant_the_same_permissions(db):

    def granted():
        group = Group.objects.get(name=SECRETARY_GROUP_NAME)
        return set(group.permissions.values_list("content_type__app_label", "codename"))

    # Wagtail's own migrations may add image permissions to every group; ours must all be there.
    assert set(SECRETARY_PERMISSIONS) <= granted()
    Group.objects.filter(name=SECRETARY_GROUP_NAME).delete()
    ensure_secretary_group()
    assert granted() == set(SECRETARY_PERMISSIONS)
