"""Project-wide guarantees: migrations complete, production settings safe, custom models in place."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env_overrides
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_user_and_image_models_are_the_projects_own():
    assert settings.AUTH_USER_MODEL == "users.User"
    assert apps.get_model(settings.WAGTAILIMAGES_IMAGE_MODEL)._meta.app_label == "images"


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "chasqui.settings.production",
            "SECRET_KEY": "",
            "CHASQUI_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "chasqui.settings.production",
            "SECRET_KEY": "x" * 20 + "a-long-random-looking-production-key-for-tests",
            "ALLOWED_HOSTS": "news.example.org",
            "BASE_URL": "https://news.example.org",
            "DEFAULT_FROM_EMAIL": "Peru Watch <bulletin@perusupport.org.uk>",
            "CHASQUI_BACKUP_AT": "02:30",
            "CHASQUI_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
