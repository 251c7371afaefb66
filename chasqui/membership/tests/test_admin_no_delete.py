"""Members are never deleted, only erased: not even a superuser finds a delete page or button."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from chasqui.membership.models import Member
from chasqui.membership.tests.admin_helpers import logged_in
from chasqui.membership.tests.factories import make_member, make_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-passphrase-1")
    return logged_in(client, user)


@pytest.fixture
def member(site_tree):
    member = make_member(active=True)
    make_payment(member=member)
    return member


def delete_paths(member):
    """Where Wagtail would put the delete page (the URL name no longer exists)."""
    with pytest.raises(NoReverseMatch):
        reverse("member:delete", args=[member.pk])
    edit = reverse("member:edit", args=[member.pk])
    return [edit.replace("/edit/", "/delete/"), f"/admin/membership/member/delete/{member.pk}/"]


def test_superuser_cannot_delete_a_member(superuser_client, member):
    for path in delete_paths(member):
        assert superuser_client.get(path).status_code in {403, 404}, path
        assert superuser_client.post(path).status_code in {403, 404}, path
    assert Member.objects.filter(pk=member.pk).exists()


def test_no_delete_button_on_the_members_pages(superuser_client, member):
    for url in (reverse("member:index"), reverse("member:edit", args=[member.pk])):
        page = superuser_client.get(url).content.decode()
        assert f"delete/{member.pk}/" not in page
        assert ">Delete<" not in page
