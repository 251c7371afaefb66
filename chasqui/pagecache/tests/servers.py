"""Real servers on loopback for the page cache's tests: a site of its own (SQLite and file caches under
a temporary directory, or PostgreSQL and Redis when PAGECACHE_TEST_DATABASE_URL and
PAGECACHE_TEST_REDIS_URL are given), granian processes serving it, and commands run beside them."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]
GRANIAN = ROOT / ".venv" / "bin" / "granian"
HOST = "127.0.0.1"
# Settings the test process has that the servers must not inherit.
LEFT_OUT = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "CHASQUI_VAR_DIR",
    "CHASQUI_TEST_PAGE_CACHE",
)


# Ports these tests may use (PAGECACHE_TEST_PORTS=first-last), kept apart from other servers on the machine.
FIRST_PORT, LAST_PORT = map(int, os.environ.get("PAGECACHE_TEST_PORTS", "8300-8349").split("-"))
_next_port = iter(range(FIRST_PORT, LAST_PORT + 1))


def free_port():
    for port in _next_port:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port left in {FIRST_PORT}-{LAST_PORT}")


def site_environment(directory, **extra):
    env = {name: value for name, value in os.environ.items() if name not in LEFT_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="chasqui.settings.dev",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS=f"{HOST},localhost",
        CHASQUI_VAR_DIR=str(directory / "var"),
        CHASQUI_PAGE_CACHE="true",
        TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
        DATABASE_URL=os.environ.get("PAGECACHE_TEST_DATABASE_URL", f"sqlite:///{directory / 'site.sqlite3'}"),
        LOG_LEVEL="ERROR",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if os.environ.get("PAGECACHE_TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["PAGECACHE_TEST_REDIS_URL"]
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def run_python(env, code):
    """Runs `code` in a Django shell of the site, as an editor's action in another process would."""
    return manage(env, "shell", "-c", code)


def prepare_site(env):
    manage(env, "migrate", "--no-input")
    run_python(
        env,
        "from chasqui.pages.structure import ensure_site_structure; ensure_site_structure();"
        "from wagtail.models import Site; from chasqui.core.models import SiteSettings;"
        "site = Site.objects.get(is_default_site=True); site.hostname = '127.0.0.1'; site.save();"
        "SiteSettings.for_site(site)",
    )


class Server:
    """One granian process serving the site on a port of its own."""

    def __init__(self, env, log_path, port=None):
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = open(log_path, "wb")  # noqa: SIM115  (closed in stop)
        command = [str(GRANIAN), "--interface", "wsgi", "--host", HOST, "--port", str(self.port)]
        command += ["--workers", "1", "--no-access-log", "chasqui.wsgi:application"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait()

    def wait(self, seconds=60):
        wait_for(f"{self.url}/robots.txt", self.process, self.log.name, seconds)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wait_for(url, process, log_name, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited: {Path(log_name).read_text(errors='replace')[-2000:]}"
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url}")


def get(url, headers=None, cookies=None):
    """(status, headers, body) of a GET, redirects not followed. Every server is asked for the site by
    its one name, whatever port it listens on, as machines behind one address are."""
    headers = {"Host": HOST, **(headers or {})}
    response = requests.get(url, headers=headers, cookies=cookies, timeout=30, allow_redirects=False)
    return response.status_code, response.headers, response.content
