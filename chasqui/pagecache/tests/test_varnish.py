"""deploy/varnish/chasqui.vcl with Debian's varnishd in front of Chasqui: pages are kept by Varnish,
and a publish purges every address it affects, so the next request is a miss with the new content."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .servers import ROOT, Server, free_port, get, run_python, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = ROOT / "deploy" / "varnish" / "chasqui.vcl"
PUBLISH = """
from django.utils import timezone
from chasqui.news.models import NewsIndexPage
from chasqui.news.tests.factories import NewsItemPageFactory
index = NewsIndexPage.objects.filter(locale__language_code="en").get()
NewsItemPageFactory(parent=index, title="Glacier survey published", slug="glacier-survey",
                    date=timezone.localdate(), publish=True)
"""


@pytest.fixture(scope="module")
def varnish(real_site):
    if not Path(VARNISHD).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("varnishd is missing (apt-get install varnish)")
        pytest.skip("varnishd is not installed")
    directory, env = real_site
    app = Server(env, directory / "varnish-app.log")
    root = directory / "varnish"
    root.mkdir(exist_ok=True)
    vcl = root / "chasqui.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{app.port}";'))
    port = free_port()
    command = [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(root / "work")]
    # -j none: no jail, so varnishd can read the test directory it was not given its own user for.
    command += ["-j", "none", "-s", "malloc,32m", "-T", "none"]
    log = root / "varnishd.log"
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/robots.txt", process, log)
    yield {**env, "CHASQUI_PURGE_HTTP_URL": url}, url
    process.terminate()
    process.wait(timeout=10)
    app.stop()


def fetch(url, path):
    status, headers, body = get(url + path)
    assert status == 200, (path, status)
    return headers["X-Varnish-Cache"], body.decode()


def test_varnish_keeps_pages_and_a_publish_purges_every_address_it_affects(varnish):
    env, url = varnish
    for path in ("/", "/news/", "/news/feed/rss/"):
        fetch(url, path)
        assert fetch(url, path)[0] == "hit", path

    run_python(env, PUBLISH)

    for path in ("/", "/news/", "/news/feed/rss/"):
        source, body = fetch(url, path)
        assert source == "miss", path
        assert "Glacier survey published" in body, path


def test_a_session_cookie_passes_varnish_by(varnish):
    _env, url = varnish
    fetch(url, "/news/")
    status, headers, _body = get(url + "/news/", cookies={"sessionid": "abc"})
    assert headers["X-Varnish-Cache"] == "miss"
    assert "X-Page-Cache" not in headers
