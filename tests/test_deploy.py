"""docs/deploy.md followed on this machine, as far as a container allows.

The files in deploy/ are used as they are: the env file's variables (filled in as the recipe
says), the units' ExecStart commands, deploy/manage for migrate, collectstatic, check --deploy,
createsuperuser and the first backup, and nginx's site with a self-signed certificate. Only the
machine's paths and ports are swapped for a temporary folder and free loopback ports, and the
database is SQLite in that folder. Then a visitor on a loopback address of its own checks, over
HTTPS through nginx, what the recipe promises.
"""

import configparser
import contextlib
import gzip
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import sqlite3
import ssl
import subprocess
import time
from email.parser import BytesParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller

from tests.test_configuration_table import variables_read

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = ("chasqui-web.service", "chasqui-worker.service", "chasqui-jobs.service", "chasqui-jobs.timer")
NGINX = Path(os.environ.get("NGINX_PATH", "/usr/sbin/nginx"))
HOST = "news.example.org"
# The visitor connects from a loopback address other than nginx's own (127.0.0.1), so the address
# Django sees tells the visitor's from the proxy's.
VISITOR = "127.0.0.5"
FORGED = "203.0.113.66"
ADMIN_EMAIL = "admin@perusupport.org.uk"
# Guards against a hung command or server, not speed limits: a busy machine may be slow.
HANG = 900
# What the person installing fills in; everything else in deploy/env.example is used as written.
FILLED_IN = {
    "SECRET_KEY": "deploy-test-" + "k7Qp2vX9mZ4rT8wL1nB6yH3cF5jD0sG" * 2,
    "DEFAULT_FROM_EMAIL": "Peru Watch <bulletin@perusupport.org.uk>",
    "EMAIL_USE_TLS": "False",
}
# docs/deploy.md's manage.py commands, run here as the page shows them (createsuperuser without
# its questions).
MIGRATE = "migrate --no-input"
COLLECTSTATIC = "collectstatic --no-input"
CHECK = "check --deploy --fail-level WARNING"
BACKUP = "backup"
SET_UP = "set_up_site --name"
# Read by the settings but not for production's env file: DEBUG is off whatever it says, the
# technical 404 is for development, the test page cache switch for the test settings, and
# ANYMAIL_<NAME> stands for the provider's own settings.
NOT_IN_ENV_FILE = {"DEBUG", "CHASQUI_TECHNICAL_404", "CHASQUI_TEST_PAGE_CACHE", "ANYMAIL_<NAME>"}

pytestmark = pytest.mark.deploy


def read_unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string((DEPLOY / name).read_text())
    return parser


def read_env_file(path):
    """KEY=VALUE lines as systemd's EnvironmentFile and the shell both read them."""
    variables = {}
    for line in Path(path).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name] = " ".join(shlex.split(value))
    return variables


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=HANG):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


class Machine:
    """The server's paths mapped into a temporary folder; the ports of this run."""

    def __init__(self, base):
        self.base = base
        self.var = base / "var"
        self.etc = base / "etc"
        self.tls = base / "tls"
        self.logs = base / "log"
        for folder in (self.var, self.etc, self.tls, self.logs, base / "nginx"):
            folder.mkdir()
        self.granian_port, self.http_port, self.https_port, self.smtp_port = (free_port() for _ in range(4))
        self.paths = {
            "/srv/chasqui": str(ROOT),
            "/var/lib/chasqui": str(self.var),
            "/etc/chasqui": str(self.etc),
            "/var/log/nginx": str(self.logs),
            f"/etc/letsencrypt/live/{HOST}": str(self.tls),
        }

    def local(self, text):
        for server_path, here in self.paths.items():
            text = text.replace(server_path, here)
        return text

    def environment(self):
        variables = {name: self.local(value) for name, value in read_env_file(DEPLOY / "env.example").items()}
        variables |= FILLED_IN
        variables |= {
            "DATABASE_URL": f"sqlite:///{self.var / 'chasqui.sqlite3'}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
        }
        return variables

    def command(self, unit):
        """The unit's ExecStart, on this machine's paths and ports."""
        service = read_unit(unit)["Service"]
        command = shlex.split(self.local(service["ExecStart"]))
        if "--port" in command:
            command[command.index("--port") + 1] = str(self.granian_port)
        return command, self.local(service["WorkingDirectory"])


def process_environment(env_file):
    """What a unit's process gets: a bare environment plus the env file (as EnvironmentFile= gives)."""
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **read_env_file(env_file)}


def manage(machine, *args, **extra_env):
    result = subprocess.run(
        [DEPLOY / "manage", *args],
        env={"PATH": "/usr/bin:/bin", "CHASQUI_ENV_FILE": str(machine.etc / "env"), **extra_env},
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == 0, f"deploy/manage {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def nginx_site(machine):
    """deploy/nginx/chasqui.conf on loopback ports and this run's paths, every swap checked."""
    text = (DEPLOY / "nginx" / "chasqui.conf").read_text()
    swaps = {
        "listen 80;": f"listen 127.0.0.1:{machine.http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{machine.https_port} ssl http2;",
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{machine.granian_port};",
    }
    for before, after in swaps.items():
        assert before in text, f"chasqui.conf no longer has {before!r}"
        text = text.replace(before, after)
    for server_path in machine.paths:
        assert server_path in text or server_path == "/etc/chasqui", f"chasqui.conf has no {server_path}"
    # The included page cache rules get this machine's paths too.
    snippet = "/srv/chasqui/deploy/nginx/pagecache.conf"
    local_snippet = machine.base / "nginx" / "pagecache.conf"
    local_snippet.write_text(machine.local((DEPLOY / "nginx" / "pagecache.conf").read_text()))
    return machine.local(text.replace(snippet, str(local_snippet)))


def nginx_main_conf(machine, site):
    """The parts of Debian's /etc/nginx/nginx.conf the site relies on, in the temporary folder."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temporary folder
    return (
        f"{user}worker_processes 1;\npid {machine.base / 'nginx' / 'nginx.pid'};\n"
        f"error_log {machine.logs / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n"
        f"    client_body_temp_path {machine.base / 'nginx'}/body;\n"
        f"    proxy_temp_path {machine.base / 'nginx'}/proxy;\n"
        f"    fastcgi_temp_path {machine.base / 'nginx'}/fastcgi;\n"
        f"    uwsgi_temp_path {machine.base / 'nginx'}/uwsgi;\n"
        f"    scgi_temp_path {machine.base / 'nginx'}/scgi;\n"
        f"    include {site};\n"
        "}\n"
    )


def self_signed_certificate(machine):
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", machine.tls / "privkey.pem", "-out", machine.tls / "fullchain.pem",
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(BytesParser().parsebytes(envelope.content))
        return "250 OK"


@pytest.fixture(scope="module")
def nginx():
    if NGINX.exists():
        return NGINX
    reason = f"nginx is not installed at {NGINX} (apt-get install nginx)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def follow_the_recipe(machine):
    """Steps 5, 6 and 10 of docs/deploy.md: the env file, the manage.py commands, the first backup.
    collectstatic needs no database, so it runs while migrate does."""
    env_file = machine.etc / "env"
    env_file.write_text(
        "".join(f"{name}={shlex.quote(value)}\n" for name, value in machine.environment().items())
    )
    env_file.chmod(0o640)
    collecting = subprocess.Popen(
        [DEPLOY / "manage", *COLLECTSTATIC.split()],
        env={"PATH": "/usr/bin:/bin", "CHASQUI_ENV_FILE": str(env_file)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        manage(machine, *MIGRATE.split())
        output, _ = collecting.communicate(timeout=HANG)
    finally:
        if collecting.poll() is None:
            collecting.kill()
            collecting.wait()
    assert collecting.returncode == 0, output.decode()
    checked = manage(machine, *CHECK.split())
    password = {"DJANGO_SUPERUSER_PASSWORD": "a long pass phrase for the deploy test"}
    manage(
        machine, "createsuperuser", "--no-input", "--username", "admin", "--email", ADMIN_EMAIL, **password
    )
    manage(machine, *SET_UP.split(), "Peru Watch")
    manage(machine, *BACKUP.split())
    return checked


def start_services(machine, nginx, processes):
    """Steps 7 and 9: the web server and the worker from their units, the timer's command once,
    then nginx; returns the jobs' run."""
    env = process_environment(machine.etc / "env")
    for unit in ("chasqui-web.service", "chasqui-worker.service"):
        command, cwd = machine.command(unit)
        processes.append(subprocess.Popen(command, cwd=cwd, env=env))
    command, cwd = machine.command(read_unit("chasqui-jobs.timer")["Timer"]["Unit"])
    jobs = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=HANG, check=False
    )
    site_conf = machine.base / "nginx" / "chasqui.conf"
    site_conf.write_text(nginx_site(machine))
    main_conf = machine.base / "nginx" / "nginx.conf"
    main_conf.write_text(nginx_main_conf(machine, site_conf))
    nginx_command = [nginx, "-c", main_conf, "-p", machine.base / "nginx", "-e", machine.logs / "error.log"]
    tested = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stderr
    processes.append(subprocess.Popen([*nginx_command, "-g", "daemon off;"]))
    wait_for_port(machine.https_port, processes[-1])
    wait_for_port(machine.granian_port, processes[0])
    return jobs


def stop(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def site(tmp_path_factory, nginx):
    """The recipe followed; the services left running for the checks, then stopped."""
    machine = Machine(tmp_path_factory.mktemp("server"))
    self_signed_certificate(machine)
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=machine.smtp_port)
    smtp.start()
    processes = []
    try:
        checked = follow_the_recipe(machine)
        jobs = start_services(machine, nginx, processes)
        yield SimpleNamespace(
            machine=machine, checked=checked, jobs=jobs, mailbox=mailbox, processes=processes
        )
    finally:
        stop(processes)
        smtp.stop()


def csrf_cookie(response):
    """The `csrftoken=…` pair a form page set, and the token a form posts back."""
    for header in response.headers.get_all("Set-Cookie") or ():
        pair = header.split(";", 1)[0]
        if pair.startswith("csrftoken="):
            return pair, pair.split("=", 1)[1]
    raise AssertionError("no CSRF cookie")


def request(site, method, path, *, https=True, headers=None, body=None):
    """One request from the visitor's address; redirects are not followed."""
    machine = site.machine
    if https:
        context = ssl.create_default_context(cafile=machine.tls / "fullchain.pem")
        connection = http.client.HTTPSConnection(
            "127.0.0.1", machine.https_port, context=context, source_address=(VISITOR, 0), timeout=HANG
        )
    else:
        connection = http.client.HTTPConnection(
            "127.0.0.1", machine.http_port, source_address=(VISITOR, 0), timeout=HANG
        )
    with contextlib.closing(connection):
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        response.content = response.read()
        return response


# The files themselves -------------------------------------------------------------------------


def test_the_units_are_well_formed_and_hardened():
    web = read_unit("chasqui-web.service")["Service"]
    command = shlex.split(web["ExecStart"])
    assert command[0] == "/srv/chasqui/.venv/bin/granian"
    assert command[-1] == "chasqui.wsgi:application"
    for option, value in {"--interface": "wsgi", "--host": "127.0.0.1"}.items():
        assert command[command.index(option) + 1] == value
    assert {"--blocking-threads", "--backpressure", "--workers"} <= set(command)
    assert "db_worker" in read_unit("chasqui-worker.service")["Service"]["ExecStart"]
    jobs = read_unit("chasqui-jobs.service")["Service"]
    assert jobs["Type"] == "oneshot"
    assert jobs["ExecStart"].endswith("manage.py run_scheduled_jobs")
    timer = read_unit("chasqui-jobs.timer")["Timer"]
    assert timer["Unit"] == "chasqui-jobs.service"
    assert timer["OnCalendar"] == "*:0/5"
    for unit in UNITS[:3]:
        service = read_unit(unit)["Service"]
        assert service["User"] == "chasqui"
        assert service["EnvironmentFile"] == "/etc/chasqui/env"
        assert service["ReadWritePaths"] == "/var/lib/chasqui"
        assert service["ProtectSystem"] == "strict"
        for flag in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
            assert service[flag] == "true", (unit, flag)


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed; the units' contents are checked above")
    machine_paths = {"/srv/chasqui": str(ROOT)}  # the executables must exist for verify
    for unit in UNITS:
        text = (DEPLOY / unit).read_text()
        for server_path, here in machine_paths.items():
            text = text.replace(server_path, here)
        (tmp_path / unit).write_text(text)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(f"./{unit}" for unit in UNITS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # unknown keys are only warned about
    assert result.stdout == ""


def test_the_env_file_names_every_variable_the_settings_read():
    lines = (DEPLOY / "env.example").read_text().splitlines()
    documented = {match[1] for line in lines if (match := re.match(r"#? ?([A-Z][A-Z0-9_]*)=", line))}
    missing = variables_read() - NOT_IN_ENV_FILE - documented
    assert not missing, f"Add these to deploy/env.example: {sorted(missing)}"


def test_the_page_shows_the_commands_this_test_runs():
    page = (ROOT / "docs" / "deploy.md").read_text()
    for command in (MIGRATE, COLLECTSTATIC, CHECK, "createsuperuser", SET_UP, BACKUP):
        assert re.search(rf"sudo -u chasqui deploy/manage {re.escape(command)}[\n ]", page), command
    for unit in UNITS:
        assert f"deploy/{unit}" in page
    assert "install -o root -g chasqui -m 640 deploy/env.example /etc/chasqui/env" in page
    assert "-subj /CN=news.example.org -addext subjectAltName=DNS:news.example.org" in page
    assert "curl -fsS https://news.example.org/healthz" in page


def test_the_page_cache_snippet_is_included_in_the_https_server():
    conf = (DEPLOY / "nginx" / "chasqui.conf").read_text()
    https_server = conf.split("listen 443", 1)[1]
    assert "include /srv/chasqui/deploy/nginx/pagecache.conf;" in https_server
    assert (DEPLOY / "nginx" / "pagecache.conf").exists()


# The running site ----------------------------------------------------------------------------


def test_check_deploy_is_clean_and_the_jobs_ran(site):
    assert "no issues" in site.checked.stdout
    assert site.jobs.returncode == 0, site.jobs.stderr


def test_the_home_page_answers_over_https_compressed(site):
    response = request(site, "GET", "/", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    page = gzip.decompress(response.content)
    assert b"<html" in page
    assert b"Peru Watch" in page  # set_up_site's home page, not Wagtail's "Welcome"
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https(site):
    response = request(site, "GET", "/news/?page=2", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/news/?page=2"


def test_hashed_static_files_come_from_nginx_cached_for_a_year(site):
    manifest = json.loads((site.machine.var / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/chasqui.css"]
    response = request(site, "GET", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    # WhiteNoise would say max-age=315360000: this answer is nginx's, from STATIC_ROOT.
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.content) == (site.machine.var / "static" / hashed).read_bytes()
    home = request(site, "GET", "/")
    assert response.getheader("Strict-Transport-Security") == home.getheader("Strict-Transport-Security")
    unhashed = request(site, "GET", "/static/css/chasqui.css")
    assert unhashed.status == 200
    assert unhashed.getheader("Cache-Control") == "max-age=3600"


def test_uploaded_media_is_served_by_nginx_and_never_as_a_page(site):
    upload = site.machine.var / "media" / "documents" / "annual-report.txt"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"Annual report 2026\n")
    response = request(site, "GET", "/media/documents/annual-report.txt")
    assert response.status == 200
    assert response.content == b"Annual report 2026\n"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "sandbox" in response.getheader("Content-Security-Policy")


def test_uploads_up_to_the_documents_limit_pass_nginx_and_larger_ones_do_not(site):
    headers = {"Content-Type": "application/octet-stream"}
    passed = request(site, "POST", "/healthz", body=b"x" * (26 * 1024 * 1024), headers=headers)
    assert passed.status == 403  # Django's CSRF check: nginx let the 26 MB through
    assert b"<center>nginx" not in passed.content
    refused = request(site, "POST", "/healthz", body=b"x" * (31 * 1024 * 1024), headers=headers)
    assert refused.status == 413
    assert b"<center>nginx" in refused.content


def test_healthz_answers_through_nginx(site):
    response = request(site, "GET", "/healthz")
    report = json.loads(response.content)
    assert response.status == 200, report
    assert report["checks"]["database"]["status"] == "ok"
    assert report["checks"]["backup"]["status"] == "ok"
    assert report["checks"]["scheduler"]["status"] == "ok"


def test_django_sees_the_visitors_address_from_nginx_not_a_forged_one(site):
    login = request(site, "GET", "/admin/login/")
    assert login.status == 200
    cookie, token = csrf_cookie(login)
    body = f"csrfmiddlewaretoken={token}&username=admin&password=wrong"
    response = request(
        site,
        "POST",
        "/admin/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/admin/login/",
            "X-Forwarded-For": FORGED,
        },
    )
    assert response.status == 200  # the form again, with its error
    with contextlib.closing(sqlite3.connect(site.machine.var / "chasqui.sqlite3")) as database:
        addresses = {row[0] for row in database.execute("SELECT ip_address FROM axes_accessattempt")}
    assert addresses == {VISITOR}


def test_the_worker_sends_what_a_sign_up_queues(site):
    # The sign-up box sits on cached pages, so it posts no CSRF token (docs/caching.md): the
    # same-origin check and the double opt-in stand in for it.
    assert request(site, "GET", "/subscribe/").status == 200
    response = request(
        site,
        "POST",
        "/subscribe/",
        body="email=reader@perusupport.org.uk&language=en",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"},
    )
    assert response.status == 302
    deadline = time.monotonic() + HANG
    while not site.mailbox.messages and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [message["To"] for message in site.mailbox.messages] == ["reader@perusupport.org.uk"]
    assert all(process.poll() is None for process in site.processes)
