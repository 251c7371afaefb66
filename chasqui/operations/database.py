"""The database's part of a backup: a consistent copy taken while the site runs, and its restore.

SQLite is copied with its online backup API (a file copy of a live database can catch a write
half-done); PostgreSQL with pg_dump's custom format, restored by pg_restore in one transaction so a
failed restore leaves the database as it was.
"""

import os
import shutil
import sqlite3
import subprocess

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

SQLITE, POSTGRESQL = "sqlite", "postgresql"
DUMP_NAMES = {SQLITE: "database/db.sqlite3", POSTGRESQL: "database/db.pgdump"}


class DatabaseError(Exception):
    """A dump or restore that did not complete; the message says why."""


def engine_of(connection):
    if connection.vendor == "sqlite":
        return SQLITE
    if connection.vendor == "postgresql":
        return POSTGRESQL
    raise DatabaseError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def migration_state(connection):
    """{app label: [applied migration names]}, to tell which code a backup belongs to."""
    state = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


def dump(alias, target_path):
    """Writes a consistent copy of the database to `target_path`; returns the engine's name."""
    connection = connections[alias]
    engine = engine_of(connection)
    if engine == SQLITE:
        if connection.in_atomic_block:
            # The backup API waits for the source to be free of writers, itself included.
            raise DatabaseError("A SQLite backup cannot run inside a transaction.")
        connection.ensure_connection()
        destination = sqlite3.connect(target_path)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        _run([_tool("pg_dump"), "--format=custom", "--file", str(target_path)], connection.settings_dict)
    return engine


def check_dump(engine, dump_path):
    """Reads the dump through before anything is overwritten: an unreadable one stops the restore."""
    if engine == SQLITE:
        source = sqlite3.connect(dump_path)
        try:
            (verdict,) = source.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"The database in the archive is unreadable: {error}") from error
        finally:
            source.close()
        if verdict != "ok":
            raise DatabaseError(f"The database in the archive is damaged: {verdict}")
    else:
        _run([_tool("pg_restore"), "--list", str(dump_path)], {})


def restore(alias, engine, dump_path):
    """Replaces the configured database with the dump's content."""
    connection = connections[alias]
    if engine_of(connection) != engine:
        raise DatabaseError(f"The archive holds a {engine} database; this site uses {engine_of(connection)}.")
    connections.close_all()
    if engine == SQLITE:
        _restore_sqlite(connection, dump_path)
    else:
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(dump_path),
            ],
            connection.settings_dict,
        )


def _restore_sqlite(connection, dump_path):
    """The backup API copies every page in one step under a lock, so readers never see half."""
    source = sqlite3.connect(dump_path)
    try:
        if connection.is_in_memory_db():
            connection.ensure_connection()
            source.backup(connection.connection)
            return
        destination = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def _tool(name):
    path = shutil.which(name)
    if not path:
        raise DatabaseError(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def _run(command, settings_dict):
    """Runs a PostgreSQL client with the connection settings in its environment (the password
    never on a command line, where other users of the machine could read it)."""
    try:
        subprocess.run(  # noqa: S603 - fixed tools, arguments we built
            command, env=pg_environment(settings_dict), check=True, capture_output=True, text=True
        )
    except subprocess.CalledProcessError as error:
        raise DatabaseError(f"{os.path.basename(command[0])} failed: {error.stderr.strip()}") from error


def pg_environment(settings_dict):
    environment = os.environ.copy()
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    environment.update({key: value for key, value in values.items() if value})
    return environment
