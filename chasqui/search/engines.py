"""The SQL behind site search, one class per database engine.

Each engine answers two questions with one query each: how many entries match
(per type, and how many of those have every word in the title, or in the title
and lede), and which entries fill one page of results. Results are ranked the
same way on both engines: title matches first, then title-and-lede matches, then
the rest, newest first within each; both read that order straight from their
indexes, so a word found in most of a large archive costs no scoring. Titles and
snippets are highlighted afterwards in Python (`chasqui.search.snippets`).
"""

import datetime
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import connection, transaction

from .models import PAGE_ID_SPAN, entry_key
from .query import Terms, fts5, tsquery
from .schema import FTS_TABLE, TABLE, TS_CONFIG
from .types import kinds


@dataclass(frozen=True)
class Scope:
    """Where to search: one language, entries filed under every facet token, perhaps one year."""

    language: str
    facets: tuple[str, ...] = ()
    year: int | None = None

    def id_range(self):
        """The entry keys of the year's entries (keys sort by date, see `entry_key`)."""
        if self.year is None:
            return None
        first = entry_key(datetime.date(self.year, 1, 1), 0)
        return first, entry_key(datetime.date(self.year, 12, 31), PAGE_ID_SPAN - 1)


@dataclass(frozen=True)
class Counts:
    """Matches per type, and how many of the selected type's matches are in the title, or title and lede."""

    by_kind: dict[str, int]
    in_title: int
    in_head: int

    def total(self, kind=None):
        return self.by_kind.get(kind, 0) if kind else sum(self.by_kind.values())

    def tiers(self, kind=None):
        """The number of results in each rank: title, title and lede, the rest."""
        return [self.in_title, self.in_head - self.in_title, self.total(kind) - self.in_head]


@dataclass(frozen=True)
class Row:
    page_id: int
    kind: str
    date: datetime.date
    url_path: str
    title: str
    body: str
    lead_image_id: int | None
    lead_image_alt: str


def tier_windows(sizes, offset, limit):
    """(tier, limit, offset) for each rank that holds part of the page of results."""
    windows = []
    for tier, size in enumerate(sizes):
        take = max(0, min(limit, size - offset))
        if take:
            windows.append((tier, take, max(0, offset)))
            limit -= take
        offset = max(0, offset - size)
    return windows


def _as_date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


TITLE = "{title_terms}"
HEAD = "{title_terms lede_terms}"
EVERYWHERE = "{title_terms lede_terms body_terms}"
ROW_COLUMNS = "e.page_id, e.kind, e.date, p.url_path, e.title, e.body, e.lead_image_id, e.lead_image_alt"


class SQLiteEngine:
    """FTS5 over the prepared columns; one MATCH per count or rank, with the year as a rowid range."""

    def session(self):
        return nullcontext()

    def _match(self, terms, scope, kind=None, columns=EVERYWHERE):
        parts = [f'language : "{scope.language}"']
        if kind:
            parts.append(f'kind : "{kind}"')
        parts += [f'facets : "{token}"' for token in scope.facets]
        parts.append(f"{columns} : ({fts5(terms)})")
        return " AND ".join(parts)

    def _where(self, scope):
        id_range = scope.id_range()
        if id_range is None:
            return f"{FTS_TABLE} MATCH %s", []
        return f"{FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s", list(id_range)

    def _tier_match(self, terms, scope, kind, tier):
        expression = fts5(terms)
        if tier == 0:
            return self._match(terms, scope, kind, TITLE)
        if tier == 1:
            return f"({self._match(terms, scope, kind, HEAD)}) NOT ({TITLE} : ({expression}))"
        return f"({self._match(terms, scope, kind)}) NOT ({HEAD} : ({expression}))"

    def counts(self, terms: tuple[Terms, ...], scope: Scope, kind=None) -> Counts:
        every_kind = kinds()
        matches = [self._match(terms, scope, each) for each in every_kind]
        matches += [self._match(terms, scope, kind, TITLE), self._match(terms, scope, kind, HEAD)]
        where, extra = self._where(scope)
        sql = " UNION ALL ".join([f"SELECT count(*) FROM {FTS_TABLE} WHERE {where}"] * len(matches))  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for match in matches for value in [match, *extra]])
            *by_kind, in_title, in_head = [count for (count,) in cursor.fetchall()]
        return Counts(dict(zip(every_kind, by_kind, strict=True)), in_title, in_head)

    def rows(self, terms, scope, kind, offset, limit, counts: Counts) -> list[Row]:
        where, extra = self._where(scope)
        branches, params = [], []
        for tier, take, skip in tier_windows(counts.tiers(kind), offset, limit):
            branches.append(
                f"SELECT * FROM (SELECT rowid AS id, {tier} AS k1, -rowid AS k2 FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {where} ORDER BY rowid DESC LIMIT %s OFFSET %s)"
            )
            params += [self._tier_match(terms, scope, kind, tier), *extra, take, skip]
        if not branches:
            return []
        sql = (
            f"WITH top AS MATERIALIZED ({' UNION ALL '.join(branches)}) "  # noqa: S608
            f"SELECT {ROW_COLUMNS} FROM top JOIN {TABLE} e ON e.id = top.id "
            "JOIN wagtailcore_page p ON p.id = e.page_id ORDER BY top.k1, top.k2"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Row(*row[:2], _as_date(row[2]), *row[3:]) for row in cursor.fetchall()]


class PostgreSQLEngine:
    """tsvector columns over the prepared text: a GIN index for matching, small in-line vectors for ranks."""

    tsquery = f"to_tsquery('{TS_CONFIG}'::regconfig, %s)"

    @contextmanager
    def session(self):
        """Make the planner use the GIN index: vectors are stored out of line, so the small heap
        makes a sequential scan look cheap while every row's vector would be fetched and decoded."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def _where(self, scope, kind=None):
        sql, params = ["e.language = %s"], [scope.language]
        if kind:
            sql.append("e.kind = %s")
            params.append(kind)
        if scope.facets:
            sql.append(f"e.facet_vector @@ {self.tsquery}")
            params.append(" & ".join(f"'{token}'" for token in scope.facets))
        if scope.id_range() is not None:
            sql.append("e.id BETWEEN %s AND %s")
            params += list(scope.id_range())
        return " AND ".join(sql), params

    def counts(self, terms: tuple[Terms, ...], scope: Scope, kind=None) -> Counts:
        of_kind = " AND e.kind = %s" if kind else ""
        where, params = self._where(scope)
        sql = (
            "SELECT e.kind, count(*), "  # noqa: S608
            f"count(*) FILTER (WHERE e.title_vector @@ q{of_kind}), "
            f"count(*) FILTER (WHERE e.head_vector @@ q{of_kind}) "
            f"FROM {TABLE} e, {self.tsquery} q WHERE {where} AND e.search_vector @@ q GROUP BY e.kind"
        )
        of_kind_params = [kind, kind] if kind else []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*of_kind_params, tsquery(terms), *params])
            rows = cursor.fetchall()
        return Counts(
            by_kind=dict.fromkeys(kinds(), 0) | {each: total for each, total, _, _ in rows},
            in_title=sum(row[2] for row in rows),
            in_head=sum(row[3] for row in rows),
        )

    def rows(self, terms, scope, kind, offset, limit, counts: Counts) -> list[Row]:
        where, params = self._where(scope, kind)
        sql = (
            f"WITH q AS MATERIALIZED (SELECT {self.tsquery} AS q), "  # noqa: S608
            "top AS MATERIALIZED (SELECT e.id, CASE WHEN e.title_vector @@ q.q THEN 0 "
            "WHEN e.head_vector @@ q.q THEN 1 ELSE 2 END AS k1 "
            f"FROM {TABLE} e, q WHERE {where} AND e.search_vector @@ q.q "
            "ORDER BY k1, e.id DESC LIMIT %s OFFSET %s) "
            f"SELECT {ROW_COLUMNS} FROM top JOIN {TABLE} e ON e.id = top.id "
            "JOIN wagtailcore_page p ON p.id = e.page_id ORDER BY top.k1, top.id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery(terms), *params, limit, offset])
            return [Row(*row) for row in cursor.fetchall()]


def get_engine():
    engines = {"sqlite": SQLiteEngine, "postgresql": PostgreSQLEngine}
    return engines[connection.vendor]()
