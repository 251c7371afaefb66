"""In development a missing page shows the site's own 404; Django's technical page is one setting away."""

import os
import subprocess
import sys

import pytest

MIDDLEWARE = "chasqui.core.middleware.SiteNotFoundPageMiddleware"

pytestmark = pytest.mark.django_db


def dev_middleware(**environ):
    env = {key: value for key, value in os.environ.items() if key != "CHASQUI_TECHNICAL_404"} | environ
    code = f"from chasqui.settings import dev; print({MIDDLEWARE!r} in dev.MIDDLEWARE)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip() == "True"


def test_development_settings_show_the_sites_404_unless_asked_for_the_technical_one():
    assert dev_middleware()
    assert not dev_middleware(CHASQUI_TECHNICAL_404="1")


def test_with_debug_on_a_missing_page_shows_the_sites_own_404(client, site_tree, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "error-page__code" in response.content.decode()
    assert "URLconf" not in response.content.decode()


def test_without_it_debug_shows_djangos_technical_404(client, site_tree, settings):
    settings.DEBUG = True

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "error-page__code" not in response.content.decode()
