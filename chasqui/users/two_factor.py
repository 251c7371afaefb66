"""Two-factor sign-in for the admin: an authenticator app's codes (TOTP), with recovery codes.

Everyone who can use the admin needs it, contributors included: they see every draft and the
uploaded documents, and an editor's or the membership secretary's account opens members'
personal data. One rule for all staff also means nobody's role change can quietly drop it.
"""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def requires_two_factor(user):
    """True for an active user who may enter the admin (superusers too), unless switched off."""
    if not settings.CHASQUI_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def has_authenticator(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_authenticator(user):
    """The authenticator being set up: one unconfirmed device, kept until a code confirms it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_for_manual_entry(device):
    """The base32 secret in groups of four, for apps where one types it in instead of scanning."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no image request, nothing cached)."""
    # segno draws the SVG itself from the device URL: no user-supplied markup reaches the page.
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code")
    return mark_safe(svg)  # noqa: S308


@transaction.atomic
def confirm_authenticator(request, device, token):
    """Confirm the pending device with a code from the app; the session then counts as verified.

    A confirmed authenticator replaces any earlier one, so a lost phone's codes stop working.
    """
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return True


@transaction.atomic
def issue_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; each works once. Returns the new codes."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_second_factor(request, token):
    """Check a code from the app or a recovery code (used up on success); marks the session verified."""
    token = token.strip().replace(" ", "").lower()
    if not token:
        return False
    with transaction.atomic():
        for device in django_otp.devices_for_user(request.user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                django_otp.login(request, device)
                return True
    return False
