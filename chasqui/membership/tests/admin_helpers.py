"""Users for the membership secretary's admin tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from chasqui.membership.permissions import ensure_secretary_group

PASSWORD = "correct-horse-battery-staple"


def make_secretary(username="sofia"):
    """A user in the "Membership secretary" group, as the data migration sets it up."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, first_name="Sofía")
    user.groups.add(ensure_secretary_group())
    return user


def make_editor(username="eduardo"):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def logged_in(client, user):
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
