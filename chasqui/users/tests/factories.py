"""Staff users in the roles the migrations create, and their second-factor devices."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-staff-passphrase"


def staff_user(username, group=None, **fields):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def authenticator_for(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def current_code(device):
    """The six digits the device's app shows now, as the user would type them."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():0{device.digits}d}"
