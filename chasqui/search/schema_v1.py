"""The first full-text structures of the search index, as migration 0001 creates them.

They indexed the text as written with the engines' own tokenizers; migration
0002 replaces them with the structures in `chasqui.search.schema`. Kept as they
were so both migrations still run, forwards and backwards.
"""

from django.db import DatabaseError, transaction

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"
TS_CONFIG = "chasqui_search"
COLUMNS = "title, body, language, kind"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        {COLUMNS}, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {COLUMNS})
        VALUES (new.id, new.title, new.body, new.language, new.kind);
    END""",  # noqa: S608
    f"""CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.body, old.language, old.kind);
    END""",  # noqa: S608
    f"""CREATE TRIGGER {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.body, old.language, old.kind);
        INSERT INTO {FTS_TABLE}(rowid, {COLUMNS})
        VALUES (new.id, new.title, new.body, new.language, new.kind);
    END""",  # noqa: S608
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # noqa: S608
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _tsvector(column):
    return f"to_tsvector('{TS_CONFIG}'::regconfig, {column})"


POSTGRES_CREATE = [
    f"CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = pg_catalog.simple)",
    f"""ALTER TABLE {TABLE}
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({_tsvector("title")}) STORED,
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight({_tsvector("title")}, 'A') || setweight({_tsvector("body")}, 'B')
        ) STORED""",
    f"CREATE INDEX {TABLE}_vector ON {TABLE} USING gin (search_vector)",
    # Long values live out of line, titles in line, so counting matches reads small rows.
    f"""ALTER TABLE {TABLE}
        ALTER COLUMN body SET STORAGE EXTERNAL,
        ALTER COLUMN search_vector SET STORAGE EXTERNAL,
        ALTER COLUMN title SET STORAGE MAIN,
        ALTER COLUMN title_vector SET STORAGE MAIN""",
    f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)",
]

POSTGRES_UNACCENT = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG}
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple""",
]

POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TABLE}_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS title_vector",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
]


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_CREATE:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in POSTGRES_CREATE[:1]:
            schema_editor.execute(sql)
        try:
            # Accent-insensitive matching needs unaccent; without the right to
            # install it, search still works but "Apurímac" won't find "Apurimac".
            with transaction.atomic(using=schema_editor.connection.alias):
                for sql in POSTGRES_UNACCENT:
                    schema_editor.execute(sql)
        except DatabaseError:
            pass
        for sql in POSTGRES_CREATE[1:]:
            schema_editor.execute(sql)


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)
