"""`check --deploy` refuses half a Stripe set-up, and warns about uploads anyone on the server may
rewrite and about a site without nightly backups."""

import pytest
from django.core.checks import registry
from django.test import override_settings

from chasqui.core import checks


def check_ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize(
    ("secret_key", "webhook_secret", "expected"),
    [
        ("", "", []),
        ("sk_test_123", "whsec_456", []),
        ("sk_test_123", "", ["chasqui.E004"]),
        ("", "whsec_456", ["chasqui.E004"]),
    ],
)
def test_stripe_keys_come_in_pairs(secret_key, webhook_secret, expected):
    with override_settings(STRIPE_SECRET_KEY=secret_key, STRIPE_WEBHOOK_SECRET=webhook_secret):
        messages = checks.check_stripe_keys()
    assert check_ids(messages) == expected
    for message in messages:
        assert message.is_serious()
        assert "STRIPE_SECRET_KEY" in message.msg
        assert "STRIPE_WEBHOOK_SECRET" in message.msg


def test_the_stripe_error_names_the_missing_key():
    with override_settings(STRIPE_SECRET_KEY="sk_test_123", STRIPE_WEBHOOK_SECRET=""):
        (message,) = checks.check_stripe_keys()
    assert (
        message.msg
        == "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: card payments would not work."
    )


def test_a_world_writable_media_root_warns(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    media.chmod(0o777)
    with override_settings(MEDIA_ROOT=media):
        (message,) = checks.check_media_root_permissions()
    assert message.id == "chasqui.W003"
    assert not message.is_serious()
    assert f"chmod o-w {media}" in message.hint


@pytest.mark.parametrize("mode", [0o755, 0o775, 0o700])
def test_a_media_root_others_cannot_write_is_fine(tmp_path, mode):
    media = tmp_path / "media"
    media.mkdir()
    media.chmod(mode)
    with override_settings(MEDIA_ROOT=media):
        assert checks.check_media_root_permissions() == []


def test_a_media_root_not_created_yet_is_fine(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "not-yet"):
        assert checks.check_media_root_permissions() == []


@pytest.mark.parametrize("backup_at", ["", "   "])
def test_no_nightly_backup_warns_with_the_setting_to_use(backup_at):
    with override_settings(CHASQUI_BACKUP_AT=backup_at):
        (message,) = checks.check_backups()
    assert message.id == "chasqui.W004"
    assert not message.is_serious()
    assert "CHASQUI_BACKUP_AT" in message.hint
    assert "docs/operations.md" in message.hint


def test_a_nightly_backup_is_quiet():
    with override_settings(CHASQUI_BACKUP_AT="02:30"):
        assert checks.check_backups() == []


@pytest.mark.django_db
def test_the_checks_run_with_check_deploy(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    media.chmod(0o777)
    with override_settings(
        STRIPE_SECRET_KEY="", STRIPE_WEBHOOK_SECRET="whsec_456", MEDIA_ROOT=media, CHASQUI_BACKUP_AT=""
    ):
        ids = {message.id for message in checks_run_by_check_deploy()}
    assert {"chasqui.E004", "chasqui.W003", "chasqui.W004"} <= ids


def checks_run_by_check_deploy():
    return registry.run_checks(tags=["chasqui"], include_deployment_checks=True)
