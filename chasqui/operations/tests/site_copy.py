"""A site worth backing up, an empty database to restore it into, and the comparison of the two.

The restore runs as the documented command in its own process (`manage.py restore`), pointed at
an empty database and media folder by DATABASE_URL, CHASQUI_VAR_DIR and MEDIA_ROOT."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page

from chasqui.images.models import CustomImage
from chasqui.membership.models import GiftAidDeclaration, Member, Payment
from chasqui.membership.tests.factories import GiftAidDeclarationFactory, MemberFactory, PaymentFactory
from chasqui.pages.structure import ensure_site_structure
from chasqui.publications.tests.factories import (
    add_publication,
    make_document,
    make_image,
    publications_index_of,
)
from chasqui.subscribers.models import Subscriber

ROOT = Path(__file__).resolve().parents[3]


def build_site():
    """Pages in two languages, members with payments and Gift Aid, subscribers, a user, and an
    image and a document with real files."""
    homes = ensure_site_structure()
    image = make_image(title="Miners' meeting")
    add_publication(
        publications_index_of(homes["en"]), "Annual report", cover_image=image, document=make_document()
    )
    for _ in range(3):
        payment = PaymentFactory(amount_pence=3000)
        GiftAidDeclarationFactory(member=payment.member)
    MemberFactory(first_name="Rosa", last_name="Mamani", email="rosa@example.org", postcode="SW1A 1AA")
    Subscriber.objects.create(email="reader@example.org")
    get_user_model().objects.create_user("secretary", "secretary@example.org", "a-long-passphrase")


KEY_ROWS = {
    Member: ["number", "first_name", "last_name", "email", "postcode", "status"],
    Payment: ["amount_pence", "paid_on", "idempotency_key"],
    GiftAidDeclaration: ["first_name", "last_name", "postcode", "wording"],
    Page: ["path", "title", "slug", "live"],
    CustomImage: ["title", "file", "width", "height"],
    Subscriber: ["email", "status"],
    get_user_model(): ["username", "email", "password"],
}


def snapshot(cursor, tables):
    """Row counts of every table and the content of the rows that matter, through plain SQL so
    the same code reads the live and the restored database."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from introspection
        counts[table] = cursor.fetchone()[0]
    rows = {}
    for model, columns in KEY_ROWS.items():
        column_list = ", ".join(f'"{model._meta.get_field(name).column}"' for name in columns)
        table = model._meta.db_table
        cursor.execute(f'SELECT {column_list} FROM "{table}" ORDER BY {column_list}')  # noqa: S608
        rows[table] = [tuple(_plain(value) for value in row) for row in cursor.fetchall()]
    return counts, rows


def _plain(value):
    """Django's SQLite cursor turns 1 into True; the plain sqlite3 one does not."""
    return str(int(value)) if isinstance(value, bool) else str(value)


def live_snapshot():
    with connection.cursor() as cursor:
        return snapshot(cursor, connection.introspection.table_names())


def file_checksums(folder):
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


class EmptySite:
    """A new, empty database of the engine the tests run on, with its own media folder."""

    def __init__(self, tmp_path):
        self.var_dir = tmp_path / "restored-var"
        self.media_root = self.var_dir / "media"
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            self.database_file = self.var_dir / "restored.sqlite3"
            self.database_url = f"sqlite:///{self.database_file}"
        else:
            self.database_name = f"{settings_dict['NAME']}_restored"
            self._admin(f'DROP DATABASE IF EXISTS "{self.database_name}"')
            self._admin(f'CREATE DATABASE "{self.database_name}"')
            parts = urlsplit(os.environ["DATABASE_URL"])
            self.database_url = urlunsplit(parts._replace(path=f"/{self.database_name}"))

    def _admin(self, statement):
        with psycopg.connect(
            **self._connect_params(connection.settings_dict["NAME"]), autocommit=True
        ) as admin:
            admin.execute(statement)

    def _connect_params(self, name):
        settings_dict = connection.settings_dict
        params = {"dbname": name, "host": settings_dict["HOST"], "user": settings_dict["USER"]}
        params.update(
            {
                key: value
                for key, value in (("port", settings_dict["PORT"]), ("password", settings_dict["PASSWORD"]))
                if value
            }
        )
        return params

    def environment(self, **extra):
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "chasqui.settings.dev"}
        environment.update(
            DATABASE_URL=self.database_url, CHASQUI_VAR_DIR=str(self.var_dir), MEDIA_ROOT=str(self.media_root)
        )
        environment.update(extra)
        return environment

    def manage(self, *arguments, **extra_environment):
        """Runs manage.py against this site, as an operator would."""
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *arguments],
            env=self.environment(**extra_environment),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def snapshot(self, tables):
        if connection.vendor == "sqlite":
            restored = sqlite3.connect(self.database_file)
            try:
                return snapshot(restored.cursor(), tables)
            finally:
                restored.close()
        with psycopg.connect(**self._connect_params(self.database_name)) as restored:
            return snapshot(restored.cursor(), tables)

    def drop(self):
        if connection.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
