"""Engine-specific full-text structures for the search index, created by migrations.

Django's model layer knows only the plain `SearchEntry` columns; everything
below is added beside them for the database engine in use. Both engines index
only the prepared `*_terms` and `facets` columns, which hold words separated by
spaces, so their own tokenizers agree: FTS5 with `unicode61` on SQLite, the
`simple` configuration on PostgreSQL (no stemming or accents of its own).
"""

from contextlib import contextmanager

from django.db import connection

from .schema_v1 import create_fulltext, drop_fulltext  # noqa: F401 - migration 0001 imports them from here

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"
TS_CONFIG = "pg_catalog.simple"
COLUMNS = ["title_terms", "lede_terms", "body_terms", "facets", "language", "kind"]
_COLUMNS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{column}" for column in COLUMNS)
_OLD = ", ".join(f"old.{column}" for column in COLUMNS)

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        {_COLUMNS}, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    f"""CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",  # noqa: S608
    f"""CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
    END""",  # noqa: S608
    f"""CREATE TRIGGER {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",  # noqa: S608
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # noqa: S608
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _tsvector(*columns):
    return " || ".join(f"to_tsvector('{TS_CONFIG}'::regconfig, {column})" for column in columns)


POSTGRES_CREATE = [
    # Title and title-plus-lede vectors are small and stored in line: ranking reads them per match.
    f"""ALTER TABLE {TABLE}
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({_tsvector("title_terms")}) STORED,
        ADD COLUMN head_vector tsvector GENERATED ALWAYS AS ({_tsvector("title_terms", "lede_terms")}) STORED,
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            {_tsvector("title_terms", "lede_terms", "body_terms")}
        ) STORED,
        ADD COLUMN facet_vector tsvector GENERATED ALWAYS AS ({_tsvector("facets")}) STORED""",
    f"CREATE INDEX {TABLE}_vector ON {TABLE} USING gin (search_vector)",
    f"CREATE INDEX {TABLE}_facets ON {TABLE} USING gin (facet_vector)",
    # Long values live out of line, titles in line, so counting matches reads small rows.
    f"""ALTER TABLE {TABLE}
        ALTER COLUMN body SET STORAGE EXTERNAL,
        ALTER COLUMN body_terms SET STORAGE EXTERNAL,
        ALTER COLUMN search_vector SET STORAGE EXTERNAL,
        ALTER COLUMN title SET STORAGE MAIN,
        ALTER COLUMN title_vector SET STORAGE MAIN,
        ALTER COLUMN head_vector SET STORAGE MAIN""",
    f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)",
]

POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TABLE}_vector",
    f"DROP INDEX IF EXISTS {TABLE}_facets",
    f"""ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS title_vector,
        DROP COLUMN IF EXISTS head_vector, DROP COLUMN IF EXISTS facet_vector""",
]


def create_terms_index(apps, schema_editor):
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop_terms_index(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def recreate_sqlite_triggers(apps, schema_editor):
    """After a migration made Django rebuild the table on SQLite, which drops its triggers: the FTS
    table still holds every row by id, so only the triggers are created again."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*SQLITE_DROP[:3], *SQLITE_CREATE[1:4]]:
        schema_editor.execute(sql)


@contextmanager
def bulk_loading():
    """Inside a transaction: on SQLite, refill the FTS table once at the end instead of row by row."""
    if connection.vendor == "postgresql":
        yield
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        return
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for sql in SQLITE_DROP[:3]:
            cursor.execute(sql)
        yield
        cursor.execute(SQLITE_CREATE[-1])
        for sql in SQLITE_CREATE[1:4]:
            cursor.execute(sql)
