"""Page benchmark: requests/s, p50/p99 and SQL queries of the public pages at two archive sizes.

Builds a throwaway database, serves it with production settings behind granian (or gunicorn),
loads it with wrk and compares every page with nginx serving a saved copy of the home page.
See bench/README.md.
"""

import argparse
import contextlib
import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import deployed
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]
STEPS = [PYTHON, str(BENCH / "django_steps.py")]
HOST = "127.0.0.1"
P99_LIMIT_MS = 200
CACHED_P99_LIMIT_MS = 20
CACHED_NGINX_SHARE = 0.25
DROP_LIMIT = 0.10
SETUP_TIMEOUT = 3 * 3600

# Environment variables that would point the run at someone's real site.
INHERITED_SETTINGS = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "CHASQUI_VAR_DIR",
    "TASKS_BACKEND",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
)


class BenchError(Exception):
    """A failure that makes the figures meaningless: stop and say why."""


@dataclass
class Page:
    key: str
    label: str
    path: str | None
    target_rps: float | None = None
    note: str = ""
    # False where the page cache never answers (docs/caching.md): skipped in the cached mode.
    cacheable: bool = True


@dataclass
class Result:
    page: Page
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: dict = field(default_factory=dict)
    queries: int | None = None
    sql_ms: float | None = None
    ratio: float | None = None
    cached: bool = False

    @property
    def failed(self):
        return any(self.errors.values())


class Processes:
    """Background processes this run started; each runs in its own process group."""

    def __init__(self):
        self.running = []

    def start(self, args, log, **kwargs):
        handle = open(log, "ab")  # noqa: SIM115
        proc = subprocess.Popen(
            args, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        handle.close()
        self.running.append(proc)
        return proc

    def stop(self, proc, grace=10):
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if proc in self.running:
            self.running.remove(proc)

    def stop_all(self):
        for proc in reversed(list(self.running)):
            self.stop(proc)


def log(message):
    print(f"[bench {datetime.now().astimezone():%H:%M:%S}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Run:
    def __init__(self, args):
        self.args = args
        self.processes = Processes()
        stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
        self.out = Path(args.out or BENCH / "out" / f"pages-{stamp}")
        self.out.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix="chasqui-bench-"))
        self.pg_admin_url = None
        self.env = self.django_env()
        self.commands = set()
        self.nginx_port = None
        self.search_word = None
        self.page_cache = False

    # Environment and database

    def django_env(self):
        env = {k: v for k, v in os.environ.items() if k not in INHERITED_SETTINGS}
        env.update(
            DJANGO_SETTINGS_MODULE="chasqui.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            ALLOWED_HOSTS=HOST,
            CHASQUI_VAR_DIR=str(self.tmp / "var"),
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            LOG_LEVEL="WARNING",
            PYTHONDONTWRITEBYTECODE="1",
            CHASQUI_PAGE_CACHE="false",
        )
        given = os.environ.get("BENCH_DATABASE_URL")
        if given:
            env["DATABASE_URL"] = self.create_pg_database(given)
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'bench.sqlite3'}"
        return env

    def create_pg_database(self, url):
        parts = urllib.parse.urlsplit(url)
        if not parts.scheme.startswith("postgres"):
            raise BenchError(f"BENCH_DATABASE_URL must be a postgres:// URL, not {parts.scheme}://")
        if parts.hostname not in (HOST, "localhost", None, ""):
            raise BenchError("BENCH_DATABASE_URL must point at a server on 127.0.0.1")
        name = f"chasqui_bench_{secrets.token_hex(4)}"
        self.pg_admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.pg_name = name
        log(f"created PostgreSQL database {name}")
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))

    def drop_pg_database(self):
        if not self.pg_admin_url:
            return
        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        log(f"dropped PostgreSQL database {self.pg_name}")

    def run(self, args, name, timeout=SETUP_TIMEOUT, capture=False):
        """Run a setup step, its output kept in the run's directory; raise loudly if it fails."""
        logfile = self.out / f"{name}.log"
        started = time.monotonic()
        with open(logfile, "ab") as handle:
            result = subprocess.run(
                args,
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE if capture else handle,
                stderr=handle,
                timeout=timeout,
                check=False,
            )
        if result.returncode:
            tail = logfile.read_text(errors="replace")[-3000:]
            raise BenchError(f"{' '.join(map(str, args[1:]))} failed ({result.returncode}):\n{tail}")
        log(f"{name}: {time.monotonic() - started:.1f} s")
        if capture:
            return json.loads(result.stdout.decode().strip().splitlines()[-1])
        return None

    def manage(self, *args, name=None, **kwargs):
        return self.run([*MANAGE, *map(str, args)], name or args[0], **kwargs)

    def step(self, *args, name=None, **kwargs):
        return self.run([*STEPS, *map(str, args)], name or args[0], capture=True, **kwargs)

    # Content

    def prepare(self):
        self.manage("migrate", "--no-input")
        listing = subprocess.run(
            [*MANAGE, "help", "--commands"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        self.commands = set(listing.stdout.split())
        if "load_demo" in self.commands and not self.args.no_demo:
            self.manage("load_demo")
        else:
            log("load_demo not available: creating the bare site structure")
            self.step("ensure-structure")
        self.manage("collectstatic", "--no-input")

    def grow_to(self, size):
        current = self.step("probe", name="probe")["items"]
        if current > size:
            raise BenchError(f"asked for {size} news items but the database already holds {current}")
        if current < size:
            if "generate_news" in self.commands:
                seed = ["--seed", self.args.seed + current] if self.args.seed is not None else []
                self.manage("generate_news", "--count", size - current, *seed, name=f"generate_news-{size}")
            else:
                log("generate_news not available: using the bench's bare fallback generator")
                self.step("fallback-generate", "--count", size - current, name=f"fallback-{size}")
        info = self.probe()
        if info["items"] != size:
            raise BenchError(f"expected {size} news items after generating, found {info['items']}")
        info = self.grow_incidents_to(size, info)
        if info["indexed_items"] < info["live_items"]:
            command = "rebuild_search_index" if "rebuild_search_index" in self.commands else "update_index"
            log(f"search index holds {info['indexed_items']} of {info['live_items']} items: {command}")
            self.manage(command, name=f"{command}-{size}")
            info = self.probe()
            if info["indexed_items"] < info["live_items"]:
                raise BenchError(
                    f"search index still holds {info['indexed_items']} of {info['live_items']} news items"
                )
        return info

    def grow_incidents_to(self, size, info):
        """As many incidents as news items (the demo's included), written in bulk by generate_incidents."""
        current = info["incidents"]
        if info["incidents_index_url"] is None or "generate_incidents" not in self.commands:
            log("no incidents index or no generate_incidents: the observatory pages are skipped")
            return info
        if current > size:
            raise BenchError(f"asked for {size} incidents but the database already holds {current}")
        if current < size:
            seed = ["--seed", self.args.seed + current] if self.args.seed is not None else []
            count = size - current
            self.manage("generate_incidents", "--count", count, *seed, name=f"generate_incidents-{size}")
            info = self.probe()
        if info["incidents"] != size:
            raise BenchError(f"expected {size} incidents after generating, found {info['incidents']}")
        return info

    def probe(self):
        """Facts about the database and the URLs to measure; the search word stays that of the first size."""
        word = ["--search-word", self.search_word] if self.search_word else []
        info = self.step("probe", *word, name="probe")
        self.search_word = self.search_word or info["search_word"]
        return info

    def pages(self, info):
        deep = info["deep_page"]
        index = info["news_index_url"]
        pages = [
            Page("home", "home /", "/", 250),
            Page("news_index", f"news index {index}", index, 250),
            Page("news_index_deep", f"news index ?page={deep}", f"{index}?page={deep}", 250),
            Page("news_item", "news item", info["news_item_url"], 450),
            Page("topic_feed", f"topic feed ({info['topic']})", info["feed_url"]),
            Page(
                "search",
                f"search ?q={info['search_word']}",
                "/search/?" + urllib.parse.urlencode({"q": info["search_word"] or "news"}),
                150,
                cacheable=False,
            ),
        ]
        pages += self.observatory_pages(info)
        if deep < 400:
            pages[2].note = f"only {info['num_pages']} pages exist at this size"
        if info["feed_url"] is None:
            pages[4].note = "no topic feed route on the news index yet"
        if not info["news_item_url"]:
            raise BenchError("no live news item to measure")
        wanted = set(self.args.pages.split(",")) if self.args.pages else None
        return [p for p in pages if wanted is None or p.key in wanted]

    def observatory_pages(self, info):
        """The incidents index (first page and page DEEP_PAGE by cursor), an incident, the map and the
        figures, with the news pages' targets: listings as the news index, the incident as a news item."""
        index = info.get("incidents_index_url")
        skipped = "no incidents index" if index is None else ""
        deep = info.get("incidents_deep_page", 1)
        pages = [
            Page("incidents_index", f"incidents index {index or ''}", index, 250, skipped),
            Page(
                "incidents_index_deep",
                f"incidents index page {deep} (cursor)",
                info.get("incidents_deep_url") if index else None,
                250,
                skipped,
                cacheable=False,  # ?after= is not one of the page cache's parameters
            ),
            Page("incident", "incident", info.get("incident_url") if index else None, 450, skipped),
            Page("incident_map", "incidents map", f"{index}map/" if index else None, 250, skipped),
            Page("incident_figures", "incident figures", f"{index}figures/" if index else None, 250, skipped),
        ]
        if index and deep < 400:
            pages[1].note = f"only {info['incidents_pages']} pages exist at this size"
        return pages

    # Serving

    def start_app(self, port, size):
        logfile = self.out / f"server-{size}.log"
        if self.args.server == "gunicorn":
            gunicorn = VENV_BIN / "gunicorn"
            if not gunicorn.exists():
                raise BenchError("gunicorn is not installed in .venv (pip install gunicorn)")
            cmd = [str(gunicorn), "--workers", str(self.args.workers), "--bind", f"{HOST}:{port}"]
            cmd += ["--log-level", "warning", "chasqui.wsgi:application"]
        else:
            cmd = [str(VENV_BIN / "granian"), "--interface", "wsgi", "--host", HOST, "--port", str(port)]
            cmd += ["--workers", str(self.args.workers), "--no-access-log", "--log-level", "warning"]
            if self.args.blocking_threads:
                cmd += ["--blocking-threads", str(self.args.blocking_threads)]
            cmd += ["chasqui.wsgi:application"]
        env = self.env | {"CHASQUI_PAGE_CACHE": "true" if self.page_cache else "false"}
        proc = self.processes.start(cmd, logfile, cwd=ROOT, env=env)
        self.wait_for(f"http://{HOST}:{port}/", proc, logfile)
        return proc

    def start_nginx(self):
        root = self.tmp / "nginx"
        (root / "www").mkdir(parents=True, exist_ok=True)
        for path in (self.tmp, root, root / "www"):
            path.chmod(0o755)
        user = ""
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};"
        port = self.nginx_port = free_port()
        conf = root / "nginx.conf"
        conf.write_text(
            f"""{user}
worker_processes {self.args.workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen {HOST}:{port};
        root {root}/www;
        index index.html;
    }}
}}
"""
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise BenchError("nginx is not installed (apt-get install -y nginx)")
        (root / "www" / "index.html").write_text("starting\n")
        (root / "www" / "index.html").chmod(0o644)
        logfile = self.out / "nginx.log"
        proc = self.processes.start(
            [nginx, "-p", f"{root}/", "-c", str(conf), "-e", f"{root}/error.log"], logfile
        )
        self.wait_for(f"http://{HOST}:{port}/", proc, logfile)
        return proc

    def wait_for(self, url, proc, logfile, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise BenchError(f"{url} server exited:\n{logfile.read_text(errors='replace')[-3000:]}")
            with contextlib.suppress(OSError):
                fetch(url)
                return
            time.sleep(0.2)
        raise BenchError(f"{url} did not answer within {seconds} s")

    # Measuring

    def check(self, base, page, when):
        status, body, headers = fetch(base + page.path)
        if status != 200:
            location = headers.get("Location", "")
            raise BenchError(
                f"{page.label}: {base}{page.path} answered {status} {location} {when} the load run"
            )
        return body

    def check_hit(self, base, page, when):
        """With the page cache on, the page must come from it: a miss would measure the whole stack."""
        self.check(base, page, when)
        status, _, headers = fetch(base + page.path)
        marker = headers.get("X-Page-Cache", "")
        if status != 200 or marker not in deployed.SERVED_MARKERS:
            raise BenchError(
                f"{page.label}: {base}{page.path} is not a page cache hit {when} the load run "
                f"(status {status}, X-Page-Cache {marker or 'missing'!r})"
            )
        return marker

    def wrk(self, url, seconds, cached=False):
        script = BENCH / ("cached.lua" if cached else "report.lua")
        cmd = ["wrk", f"-t{self.args.threads}", f"-c{self.args.connections}", f"-d{seconds}s"]
        cmd += ["--latency", "--timeout", f"{self.args.timeout}s", "-s", str(script), url]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
        if result.returncode:
            raise BenchError(f"wrk failed on {url}: {result.stderr.strip()}")
        for line in result.stdout.splitlines():
            if line.startswith("BENCH_JSON "):
                return json.loads(line.removeprefix("BENCH_JSON ")), result.stdout
        raise BenchError(f"wrk printed no summary for {url}:\n{result.stdout}")

    def measure(self, base, page, size, cached=False):
        url = base + page.path
        checked = self.check_hit if cached else self.check
        checked(base, page, "before")
        if self.args.warmup:
            self.wrk(url, self.args.warmup, cached)
        data, text = self.wrk(url, self.args.duration, cached)
        with open(self.out / f"wrk-{size}{'-cached' if cached else ''}.txt", "a") as handle:
            handle.write(f"== {page.label} {url}\n{text}\n")
        checked(base, page, "after")
        if cached and data.get("misses"):
            raise BenchError(
                f"{page.label}: {data['misses']} of {data['requests']} measured responses were not "
                "page cache hits (no X-Page-Cache: hit, or nginx from a file)"
            )
        errors = {k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]}
        result = Result(
            page,
            rps=data["requests"] / (data["duration_us"] / 1e6),
            p50_ms=data["p50_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            requests=data["requests"],
            errors=errors,
            cached=cached,
        )
        flag = "  ERRORS " + json.dumps(errors) if errors else ""
        log(
            f"  {page.label:34} {result.rps:9.1f} req/s  p50 {result.p50_ms:7.1f} ms  "
            f"p99 {result.p99_ms:7.1f} ms{flag}"
        )
        return result

    def measure_size(self, size):
        """Each mode asked for at this size: {"uncached": ..., "cached": ...}."""
        log(f"== {size:,} news items and incidents")
        info = self.grow_to(size)
        log(
            f"items {info['items']:,}, indexed {info['indexed_items']:,}, {info['num_pages']} index pages; "
            f"incidents {info['incidents']:,} ({info.get('located_incidents', 0):,} located); "
            f"search word {info['search_word']!r} in {info['search_word_share']:.0%} of sampled items"
        )
        pages = self.pages(info)
        measured = [p for p in pages if p.path]
        counts = self.step("count-queries", *[p.path for p in measured], name=f"queries-{size}")
        return {mode: self.measure_mode(size, info, pages, counts, mode) for mode in self.args.modes}

    def wait_quiet(self):
        quiet_by = time.monotonic() + self.args.wait_quiet
        while os.getloadavg()[0] > os.cpu_count() / 2 and time.monotonic() < quiet_by:
            time.sleep(5)
        load = os.getloadavg()[0]
        if load > os.cpu_count() / 2:
            log(f"WARNING: load average {load:.1f} on {os.cpu_count()} CPUs: expect low figures")
        return load

    def measure_mode(self, size, info, pages, counts, mode):
        """nginx and every page, served with the page cache off (uncached) or on (cached)."""
        cached = mode == "cached"
        log(f"-- {mode}: page cache {'on' if cached else 'off'}")
        load = self.wait_quiet()
        port = free_port()
        base = f"http://{HOST}:{port}"
        self.page_cache = cached
        app = self.start_app(port, f"{size}-{mode}")
        results = []
        try:
            home = self.check(base, Page("home", "home /", "/"), "before")
            baseline_file = self.tmp / "nginx" / "www" / "index.html"
            baseline_file.write_bytes(home)
            (self.out / f"home-{size}-{mode}.html").write_bytes(home)
            nginx_page = Page("nginx", "nginx: saved home page", "/")
            baseline = self.measure(f"http://{HOST}:{self.nginx_port}", nginx_page, size)
            for page in pages:
                if cached and page.path and not page.cacheable:
                    page = Page(page.key, page.label, None, note="never answered by the page cache")
                if not page.path:
                    log(f"  {page.label:34} skipped: {page.note}")
                    results.append(Result(page, cached=cached))
                    continue
                result = self.measure(base, page, size, cached)
                count = counts.get(page.path, {})
                result.queries, result.sql_ms = count.get("queries"), count.get("sql_ms")
                if cached:
                    result.queries, result.sql_ms = None, None
                results.append(result)
            if cached:
                results += self.measure_deployed(port, [r.page for r in results if r.page.path], size)
        finally:
            self.processes.stop(app)
            self.page_cache = False
        for result in results:
            if result.requests and baseline.rps:
                result.ratio = result.rps / baseline.rps
        baseline.ratio = 1.0
        load_after = os.getloadavg()[0]
        info = info | {"load_before": load, "load_after": load_after, "mode": mode}
        return {"info": info, "results": results, "baseline": baseline}

    def measure_deployed(self, app_port, pages, size):
        """The same pages through nginx with deploy/nginx/pagecache.conf in front of the app, as deployed:
        plain HTML addresses come from the page cache's files, the rest from granian behind nginx; and
        the home page once more with SSI off, to show what the per-answer nonce costs."""
        proc, (port, no_ssi_port) = deployed.start(self, app_port, self.page_files(), f"{size}")
        results = []
        try:
            base = f"http://{HOST}:{port}"
            for page in pages:
                marker = self.check_hit(base, page, "before")
                label = f"{page.label} via nginx ({'file' if marker == 'nginx' else 'granian hit'})"
                results.append(self.measure(base, Page(f"{page.key}@nginx", label, page.path), size, True))
            home = next((p for p in pages if p.key == "home"), None)
            if home:
                page = Page("home@nginx-no-ssi", "home / via nginx (file), SSI off", home.path)
                page.note = "the nonce left unfilled: for measuring only"
                results.append(self.measure(f"http://{HOST}:{no_ssi_port}", page, size, True))
        finally:
            self.processes.stop(proc)
        return results

    def page_files(self):
        """CHASQUI_PAGE_CACHE_DIR as the settings default it (no Redis): under CHASQUI_VAR_DIR."""
        return Path(self.env["CHASQUI_VAR_DIR"]) / "pagecache"

    def profile(self, result, size):
        output = self.out / f"profile-{result.page.key}-{size}.txt"
        return self.step(
            "profile", result.page.path, "--output", output, name=f"profile-{result.page.key}"
        ) | {"file": str(output.relative_to(ROOT) if output.is_relative_to(ROOT) else output)}

    def cleanup(self):
        self.processes.stop_all()
        with contextlib.suppress(Exception):
            self.drop_pg_database()
        if self.args.keep:
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def fetch(url, timeout=60):
    """GET without following redirects: (status, body, headers)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


# Reporting


def target_misses(result):
    misses = []
    if result.failed:
        misses.append("errors")
    if result.page.path is None:
        return misses
    if not result.requests:
        return [*misses, "no request completed"]
    if result.cached:
        if result.ratio is not None and result.ratio < CACHED_NGINX_SHARE:
            misses.append(f"<{CACHED_NGINX_SHARE:.0%} of nginx")
        if result.p99_ms >= CACHED_P99_LIMIT_MS:
            misses.append(f"p99≥{CACHED_P99_LIMIT_MS}ms")
        return misses
    if result.page.target_rps and result.rps < result.page.target_rps:
        misses.append(f"<{result.page.target_rps:.0f} req/s")
    if result.p99_ms >= P99_LIMIT_MS:
        misses.append(f"p99≥{P99_LIMIT_MS}ms")
    return misses


def table(size, measured, args):
    info = measured["info"]
    cached = info["mode"] == "cached"
    lines = [
        "",
        f"{size:,} news items and {info['incidents']:,} incidents, {info['mode']} "
        f"(page cache {'on' if cached else 'off'}; "
        f"{info['database']}, {args.server} x{args.workers} workers, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s)",
        f"load average {info['load_before']:.2f} before serving, {info['load_after']:.2f} at the end, "
        f"on {os.cpu_count()} CPUs",
        f"{'page':38} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'/nginx':>8} {'queries':>8}  targets",
    ]
    for result in [measured["baseline"], *measured["results"]]:
        if result.page.path is None:
            lines.append(f"{result.page.label:38} {'skipped: ' + result.page.note}")
            continue
        target = f"≥{result.page.target_rps:.0f}/s" if result.page.target_rps else ""
        if result.cached:
            target = f"≥{CACHED_NGINX_SHARE:.2f}x"
        misses = target_misses(result)
        verdict = "" if result.page.key == "nginx" else ("MISS " + ", ".join(misses) if misses else "ok")
        queries = "-" if result.queries is None else str(result.queries)
        ratio = "-" if result.ratio is None else f"{result.ratio:.4f}"
        lines.append(
            f"{result.page.label:38} {result.rps:9.1f} {result.p50_ms:8.1f} {result.p99_ms:8.1f} "
            f"{ratio:>8} {queries:>8}  {target:7} {verdict}"
        )
        if result.page.note:
            lines.append(f"{'':40}({result.page.note})")
    return lines


def scaling(small_size, small, large_size, large):
    lines = [
        "",
        f"Throughput change from {small_size:,} to {large_size:,} items (limit: a drop of {DROP_LIMIT:.0%})",
        f"{'page':24} {f'{small_size:,}':>10} {f'{large_size:,}':>10} {'change':>8}",
    ]
    misses = []
    before = {r.page.key: r for r in small["results"]}
    for result in large["results"]:
        previous = before.get(result.page.key)
        if not (previous and previous.requests and result.requests):
            continue
        change = result.rps / previous.rps - 1
        verdict = "ok" if change >= -DROP_LIMIT else "MISS"
        if verdict == "MISS":
            misses.append(result.page.key)
        name = result.page.key.replace("_", " ")
        lines.append(f"{name:24} {previous.rps:10.1f} {result.rps:10.1f} {change:+8.1%}  {verdict}")
    return lines, misses


def as_json(result):
    return {
        "page": result.page.key,
        "label": result.page.label,
        "path": result.page.path,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
        "requests": result.requests,
        "errors": result.errors,
        "ratio_to_nginx": result.ratio,
        "queries": result.queries,
        "sql_ms": result.sql_ms,
        "target_rps": None if result.cached else result.page.target_rps,
        "cached": result.cached,
        "misses": target_misses(result),
    }


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", default="100,10000", help="news item counts to measure, ascending")
    parser.add_argument(
        "--mode",
        choices=["uncached", "cached", "both"],
        default="both",
        help="serve with the page cache off, on (every measured answer must be a hit), or both",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of each measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk warm-up before each run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=10, help="wrk request timeout in seconds")
    parser.add_argument("--seed", type=int, default=1, help="random seed for generate_news")
    parser.add_argument("--workers", type=int, default=2, help="server (and nginx) worker processes")
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument(
        "--blocking-threads",
        type=int,
        default=1,
        help="granian threads a worker (Python code holds the GIL: one is fastest)",
    )
    parser.add_argument(
        "--pages",
        help="comma-separated subset: home,news_index,news_index_deep,news_item,topic_feed,search,"
        "incidents_index,incidents_index_deep,incident,incident_map,incident_figures",
    )
    parser.add_argument(
        "--wait-quiet",
        type=int,
        default=0,
        metavar="SECONDS",
        help="wait up to this long for the load average to fall below half the CPUs before serving",
    )
    parser.add_argument("--no-demo", action="store_true", help="skip load_demo even if it exists")
    parser.add_argument("--no-profile", action="store_true", help="do not profile pages that miss")
    parser.add_argument("--strict", action="store_true", help="exit 3 when a target is missed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database directory")
    parser.add_argument("--out", help="directory for logs and results (default bench/out/pages-*)")
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    args.modes = ["uncached", "cached"] if args.mode == "both" else [args.mode]
    return args


def measure_all(run, args):
    """Every size, then a profile of each page that misses its target at the largest size."""
    measured = {}
    run.prepare()
    run.start_nginx()
    for size in args.sizes:
        measured[size] = run.measure_size(size)
    profiles = {}
    if not args.no_profile:
        for result in measured[args.sizes[-1]].get("uncached", {}).get("results", []):
            if result.page.path and target_misses(result):
                profiles[result.page.key] = run.profile(result, args.sizes[-1])
    return measured, profiles


def profile_lines(profiles, largest):
    lines = []
    for key, found in profiles.items():
        lines += ["", f"Profile of {key} at {largest:,} items ({found['file']}):"]
        lines.append(
            f"  {found['ms']} ms a request in-process (profiled), {found['queries']:.0f} queries "
            f"taking {found['sql_ms']} ms, templates {found['template_ms']} ms"
        )
        lines += [f"  {n}x a request: {sql}" for n, sql in found["top_repeated_sql"]]
        lines += [f"  {line}" for line in found["hot_functions"][:6]]
    return lines


def report_lines(args, measured, profiles):
    """The tables, the scaling check, the profiles and the errors and misses; and the scaling misses."""
    largest = args.sizes[-1]
    lines = []
    for mode in args.modes:
        for size in args.sizes:
            lines += table(size, measured[size][mode], args)
    drop_misses = []
    if len(args.sizes) > 1:
        for mode in args.modes:
            extra, missed = scaling(
                args.sizes[0], measured[args.sizes[0]][mode], largest, measured[largest][mode]
            )
            lines += [extra[0], f"{mode}: {extra[1]}", *extra[2:]]
            drop_misses += [f"{mode} {key}" for key in missed]
    lines += profile_lines(profiles, largest)
    every = [r for by_mode in measured.values() for m in by_mode.values() for r in m["results"]]
    errors = [r for r in every if r.failed]
    misses = [r for r in every if target_misses(r)]
    if errors:
        lines += [
            "",
            "*** ERRORS DURING LOAD (non-2xx/3xx statuses, timeouts or socket errors): "
            + ", ".join(f"{r.page.label} {r.errors}" for r in errors),
        ]
    lines += [
        "",
        f"Targets missed: {len(misses) + len(drop_misses)}" if misses or drop_misses else "All targets met.",
    ]
    return lines, errors, misses, drop_misses


def write_results(out, args, measured, profiles, drop_misses):
    (out / "results.json").write_text(
        json.dumps(
            {
                "args": vars(args),
                "sizes": {
                    str(size): {
                        mode: {
                            "info": m["info"],
                            "baseline": as_json(m["baseline"]),
                            "pages": [as_json(r) for r in m["results"]],
                        }
                        for mode, m in by_mode.items()
                    }
                    for size, by_mode in measured.items()
                },
                "scaling_misses": drop_misses,
                "profiles": profiles,
            },
            indent=2,
        )
    )


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")

    def terminate(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)

    run = Run(args)
    log(f"temporary data in {run.tmp}, logs and results in {run.out}")
    try:
        measured, profiles = measure_all(run, args)
    except BenchError as error:
        print(f"\n*** BENCHMARK FAILED ***\n{error}\n(logs in {run.out})", file=sys.stderr)
        return 1
    finally:
        run.cleanup()

    lines, errors, misses, drop_misses = report_lines(args, measured, profiles)
    report = "\n".join(lines)
    print(report)
    (run.out / "table.txt").write_text(report + "\n")
    write_results(run.out, args, measured, profiles, drop_misses)
    log(f"results in {run.out}")
    if errors:
        return 2
    if args.strict and (misses or drop_misses):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
