"""Two Chasqui "machines" on loopback: one PostgreSQL database, Redis for the cache and the task
queue, media in an S3 emulator (moto's server), and on each machine its own var folder, a granian
server and a task worker (`rqworker`), all started as they would be in production."""

import hashlib
import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import psycopg
import redis
import requests
from moto.server import ThreadedMotoServer

from chasqui.core.testing.smtp import SMTP_BACKEND, SMTPServer, free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUCKET = "chasqui-media"
REGION = "eu-west-2"
DATABASE_SERVER = os.environ.get("MULTI_MACHINE_POSTGRES", "postgres://postgres@127.0.0.1:5432/")
REDIS_URL = os.environ.get("MULTI_MACHINE_REDIS_URL", "redis://127.0.0.1:6379/5")
# Variables of the calling shell that would point a server elsewhere.
TASK_BACKENDS = {"rq": "django_tasks_rq.RQBackend", "db": "django_tasks_db.DatabaseBackend"}
CLEARED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "TASKS_BACKEND", "MEDIA_ROOT")


def missing_services():
    """What this test needs and cannot reach, as a reason; empty when all is there."""
    missing = []
    try:
        psycopg.connect(DATABASE_SERVER + "postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        missing.append(f"PostgreSQL at {DATABASE_SERVER} ({error})")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        missing.append(f"Redis at {REDIS_URL} ({error})")
    if not (BIN / "granian").exists():
        missing.append(f"granian in {BIN}")
    return "; ".join(missing)


def database_url(name):
    parts = urlsplit(DATABASE_SERVER)
    return urlunsplit(parts._replace(path=f"/{name}"))


def migrated_template():
    """The name of an empty, migrated database for this code's migrations and pinned packages: kept
    between runs, so that a second run copies it instead of migrating again."""
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted(ROOT.glob("chasqui/*/migrations/*.py")):
        digest.update(path.read_bytes())
    return f"multi_machine_template_{digest.hexdigest()[:12]}"


def recreate_database(name, template=None):
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            admin.execute(f'CREATE DATABASE "{name}"')


def template_exists(template):
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        return bool(admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchall())


def keep_as_template(name, template):
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')


def drop_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Machine:
    name: str
    env: dict
    port: int
    processes: list = field(default_factory=list)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, **kwargs):
        return requests.get(self.url + path, timeout=10, **kwargs)

    def run(self, *arguments):
        """A management command or an editor's action, run on this machine; its JSON answer if any."""
        done = subprocess.run(
            [sys.executable, *arguments], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=400
        )
        assert done.returncode == 0, f"{arguments} on {self.name}:\n{done.stdout}\n{done.stderr}"
        last = done.stdout.strip().splitlines()[-1:] or [""]
        return json.loads(last[0]) if last[0].startswith("{") else done.stdout

    def act(self, action, *arguments):
        return self.run("-m", "tests.multi_machine.site_actions", action, *map(str, arguments))

    def worker_command(self, *options):
        if self.env["TASKS_BACKEND"] == TASK_BACKENDS["db"]:
            return [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-startup-delay",
                "--interval",
                "0.2",
                *options,
            ]
        return [sys.executable, "manage.py", "rqworker", "--with-scheduler", *options, "default"]

    def start(self, log_dir):
        self.log_dir = log_dir
        server = [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        server += ["--workers", "1", "--blocking-threads", "4", "chasqui.wsgi:application"]
        worker = self.worker_command()
        for role, command in (("server", server), ("worker", worker)):
            log = open(log_dir / f"{self.name}-{role}.log", "w")  # noqa: SIM115 (closed with the process)
            self.processes.append(
                subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
            )

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n" + path.read_text(errors="replace")[-3000:]
            for path in sorted(self.log_dir.glob(f"{self.name}-*.log"))
        )

    def wait_until_serving(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.get("/").status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            for process in self.processes:
                assert process.poll() is None, f"{self.name}: {process.args} exited:\n{self.logs()}"
            time.sleep(0.2)
        raise AssertionError(f"{self.name} did not answer on {self.url} within {timeout} s:\n{self.logs()}")

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Cluster:
    """`tasks` is "rq" (Redis, `rqworker`) or "db" (the database queue, `db_worker`)."""

    def __init__(self, tmp_path, readers, database="multi_machine_test", tasks="rq", smtp=None):
        self.tmp_path = tmp_path
        self.readers = readers
        self.database = database
        self.tasks = tasks
        self.smtp = (smtp or SMTPServer()).start()
        self.s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
        self.s3.start()
        host, port = self.s3.get_host_and_port()
        self.s3_url = f"http://{host}:{port}"
        self.bucket = boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.bucket.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        self.redis = redis.Redis.from_url(REDIS_URL)
        self.redis.flushdb()
        self.template = migrated_template()
        self.migrated = template_exists(self.template)
        recreate_database(database, self.template if self.migrated else None)
        shared = self.environment()
        self.machines = [
            Machine(name, {**shared, "CHASQUI_VAR_DIR": str(tmp_path / name)}, free_port())
            for name in ("machine-a", "machine-b")
        ]

    def environment(self):
        env = {name: value for name, value in os.environ.items() if name not in CLEARED}
        return env | {
            "DJANGO_SETTINGS_MODULE": "chasqui.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": database_url(self.database),
            "REDIS_URL": REDIS_URL,
            "TASKS_BACKEND": TASK_BACKENDS[self.tasks],
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_S3_ENDPOINT_URL": self.s3_url,
            "MEDIA_S3_REGION": REGION,
            "MEDIA_S3_ACCESS_KEY_ID": "testing",
            "MEDIA_S3_SECRET_ACCESS_KEY": "testing",
            "MEDIA_S3_ADDRESSING_STYLE": "path",
            "MEDIA_S3_DEFAULT_ACL": "public-read",
            # One build of the static files, as a deployment copies the same release to each machine.
            "STATIC_ROOT": str(self.tmp_path / "static"),
            "MAILER_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": self.smtp.host,
            "EMAIL_PORT": str(self.smtp.port),
            "EMAIL_TIMEOUT": "10",
            "DEFAULT_FROM_EMAIL": "Peru Watch Trust <office@perusupport.example.net>",
            "BASE_URL": "https://news.example.net",
            # Small batches, sent no faster than 40 a second, so that both workers take part.
            "CHASQUI_BULLETIN_BATCH_SIZE": "4",
            "CHASQUI_BULLETIN_RATE_LIMIT": "40",
            "LOG_LEVEL": "WARNING",
        }

    def prepare(self):
        """Migrated once (or copied from the migrated template), with the site's content."""
        first = self.machines[0]
        if not self.migrated:  # from one machine
            first.run("manage.py", "migrate", "--no-input", "-v0")
            keep_as_template(self.database, self.template)
        self.site = first.act("set_up", self.readers)
        return self

    def start(self):
        first = self.machines[0]
        # The static files are collected while the database is made ready.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=first.env
        )
        self.prepare()
        assert collect.wait(timeout=300) == 0
        for machine in self.machines:
            machine.start(self.tmp_path)
        for machine in self.machines:
            machine.wait_until_serving()
        return self

    def stop(self):
        for machine in self.machines:
            machine.stop()
        self.smtp.stop()
        # moto keeps its buckets per process, whichever of its servers made them.
        for item in self.bucket.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            self.bucket.delete_object(Bucket=BUCKET, Key=item["Key"])
        self.bucket.delete_bucket(Bucket=BUCKET)
        self.s3.stop()
        self.redis.flushdb()
        drop_database(self.database)

    def query(self, sql, *parameters):
        with psycopg.connect(database_url(self.database)) as connection:
            return connection.execute(sql, parameters).fetchall()
