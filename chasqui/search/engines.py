"""The SQL behind site search, one class per database engine.

Each engine answers two questions with one query each: how many entries match
(per type, and how many of those in the title), and which entries fill one page
of results, with their highlighted title and snippet. When a query matches more
entries than `rank_limit`, scoring every match would cost time proportional to
the archive; results are then ordered title matches first, newest first, which
both engines read straight from their indexes.
"""

import datetime
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import connection, transaction

from .choices import ResultKind
from .query import MARK_END, MARK_START, ParsedQuery
from .schema import FTS_TABLE, TABLE, TS_CONFIG

SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Counts:
    """Matches per type, and how many of the selected type's matches have every word in the title."""

    by_kind: dict[str, int]
    in_title: int

    def total(self, kind=None):
        return self.by_kind.get(kind, 0) if kind else sum(self.by_kind.values())


@dataclass(frozen=True)
class Row:
    page_id: int
    kind: str
    date: datetime.date
    url_path: str
    title: str
    snippet: str


def _as_date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


class SQLiteEngine:
    """FTS5 with bm25 scores (title weighted ten times the text) and snippet()."""

    rank_limit = 500

    def session(self):
        return nullcontext()

    def _match(self, query, language, kind=None, columns="{title body}"):
        parts = [f'language : "{language}"']
        if kind:
            parts.append(f'kind : "{kind}"')
        parts.append(f"{columns} : ({query.fts5()})")
        return " AND ".join(parts)

    def counts(self, query: ParsedQuery, language: str, kind=None) -> Counts:
        matches = [self._match(query, language, each) for each in ResultKind.values]
        matches.append(self._match(query, language, kind, "title"))
        sql = " UNION ALL ".join(
            [f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"] * len(matches)  # noqa: S608
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, matches)
            *by_kind, in_title = [count for (count,) in cursor.fetchall()]
        return Counts(by_kind=dict(zip(ResultKind.values, by_kind, strict=True)), in_title=in_title)

    def rows(self, query, language, kind, offset, limit, counts: Counts) -> list[Row]:
        match = self._match(query, language, kind)
        if counts.total(kind) <= self.rank_limit:
            top = (
                f"SELECT rowid AS id, bm25({FTS_TABLE}, 10.0, 1.0, 0.0, 0.0) AS k1, -rowid AS k2 "  # noqa: S608
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY k1, k2 LIMIT %s OFFSET %s"
            )
            top_params = [match, limit, offset]
        else:
            in_title = counts.in_title
            title_match = self._match(query, language, kind, "title")
            branch = (
                "SELECT * FROM (SELECT rowid AS id, {tier} AS k1, -rowid AS k2 FROM "  # noqa: S608
                f"{FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s)"
            )
            top = branch.format(tier=0) + " UNION ALL " + branch.format(tier=1)
            first_offset = min(offset, in_title)
            first_limit = max(0, min(limit, in_title - offset))
            top_params = [
                title_match,
                first_limit,
                first_offset,
                f"({match}) NOT ({title_match})",
                limit - first_limit,
                max(0, offset - in_title),
            ]
        sql = (
            f"WITH top AS MATERIALIZED ({top}) "  # noqa: S608
            f"SELECT e.page_id, e.kind, e.date, p.url_path, "
            f"highlight({FTS_TABLE}, 0, %s, %s), "
            f"snippet({FTS_TABLE}, 1, %s, %s, '…', {SNIPPET_WORDS}) "
            f"FROM top JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = top.id "
            f"JOIN {TABLE} e ON e.id = top.id JOIN wagtailcore_page p ON p.id = e.page_id "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY top.k1, top.k2"
        )
        params = [*top_params, MARK_START, MARK_END, MARK_START, MARK_END, match]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                Row(page_id, kind_, _as_date(date), url_path, title, snippet)
                for page_id, kind_, date, url_path, title, snippet in cursor.fetchall()
            ]


class PostgreSQLEngine:
    """tsvector columns with a GIN index, ts_rank, and ts_headline for the page's rows only."""

    rank_limit = 500
    headline_options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=15, "
        'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
    )
    title_options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
    tsquery = f"to_tsquery('{TS_CONFIG}'::regconfig, %s)"

    @contextmanager
    def session(self):
        """Make the planner use the GIN index: vectors are stored out of line, so the small heap
        makes a sequential scan look cheap while every row's vector would be fetched and decoded."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def counts(self, query: ParsedQuery, language: str, kind=None) -> Counts:
        title_filter = "title_vector @@ q" + (" AND kind = %s" if kind else "")
        sql = (
            f"SELECT kind, count(*), count(*) FILTER (WHERE {title_filter}) "  # noqa: S608
            f"FROM {TABLE}, {self.tsquery} q WHERE language = %s AND search_vector @@ q GROUP BY kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*([kind] if kind else []), query.tsquery(), language])
            rows = cursor.fetchall()
        return Counts(by_kind={kind: total for kind, total, _ in rows}, in_title=sum(row[2] for row in rows))

    def rows(self, query, language, kind, offset, limit, counts: Counts) -> list[Row]:
        if counts.total(kind) <= self.rank_limit:
            key = "ts_rank('{0.1, 0.2, 0.1, 1.0}', e.search_vector, q.q, 1)"
        else:
            key = "(e.title_vector @@ q.q)::int"
        kind_filter = "AND e.kind = %s" if kind else ""
        sql = (
            f"WITH q AS MATERIALIZED (SELECT {self.tsquery} AS q), "  # noqa: S608
            f"top AS MATERIALIZED (SELECT e.id, {key} AS k1 "
            f"FROM {TABLE} e, q WHERE e.language = %s {kind_filter} AND e.search_vector @@ q.q "
            "ORDER BY k1 DESC, e.id DESC LIMIT %s OFFSET %s) "
            "SELECT e.page_id, e.kind, e.date, p.url_path, "
            f"ts_headline('{TS_CONFIG}'::regconfig, e.title, q.q, %s), "
            f"ts_headline('{TS_CONFIG}'::regconfig, e.body, q.q, %s) "
            f"FROM top JOIN {TABLE} e ON e.id = top.id JOIN wagtailcore_page p ON p.id = e.page_id, q "
            "ORDER BY top.k1 DESC, top.id DESC"
        )
        params = [query.tsquery(), language, *([kind] if kind else []), limit, offset]
        params += [self.title_options, self.headline_options]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Row(*row) for row in cursor.fetchall()]


def get_engine():
    engines = {"sqlite": SQLiteEngine, "postgresql": PostgreSQLEngine}
    return engines[connection.vendor]()
