"""Turns what a visitor typed into a safe full-text query, and highlights back into HTML.

Visitors' input never reaches a query parser as syntax: it is reduced to words,
quoted phrases and trailing-star prefixes, and each engine's query is written
from those.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .terms import prefix_term, word_terms

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 8
MIN_PREFIX_LENGTH = 3

# Private-use characters that mark highlighted words inside engine output;
# indexed text has them removed, so they can only come from the engine.
MARK_START = "\ue000"
MARK_END = "\ue001"

WORD = re.compile(r"[^\W_]+(\*?)")
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]?")


@dataclass(frozen=True)
class Clause:
    """One word or quoted phrase that every result must contain."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Terms:
    """A clause as index terms (see `terms`): a phrase, its last term perhaps a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...]
    truncated: bool = False

    def __bool__(self):
        return bool(self.clauses)

    def terms(self, language: str) -> tuple[Terms, ...]:
        """The clauses as terms of `language`; a clause left with no letters is dropped."""
        prepared = []
        for clause in self.clauses:
            words = [term for word in clause.words for term in word_terms(word, language)]
            if clause.prefix and words:
                words[-1] = prefix_term(clause.words[-1], language) or words[-1]
            if words:
                prepared.append(Terms(tuple(words), clause.prefix))
        return tuple(prepared)


def fts5(terms: tuple[Terms, ...]) -> str:
    """Terms as an FTS5 expression: every clause quoted, so nothing is an operator."""
    parts = []
    for clause in terms:
        phrase = '"' + " ".join(clause.terms) + '"'
        parts.append(phrase + " *" if clause.prefix else phrase)
    return " AND ".join(parts)


def tsquery(terms: tuple[Terms, ...]) -> str:
    """Terms as to_tsquery() input: quoted lexemes joined by & and <->."""
    parts = []
    for clause in terms:
        lexemes = [f"'{term}'" for term in clause.terms]
        if clause.prefix:
            lexemes[-1] += ":*"
        parts.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


# Control characters, surrogates and private-use characters (our markers among them).
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\uf8ff\U000f0000-\U0010ffff]")


def clean_text(value: str) -> str:
    """Normalise text for indexing or querying: NFC, without control or marker characters."""
    return UNWANTED.sub(" ", unicodedata.normalize("NFC", value))


def parse_query(raw: str) -> ParsedQuery:
    """Reduce free text to clauses; quotes make phrases, a trailing * a prefix."""
    text = " ".join(clean_text(raw or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]

    clauses: list[Clause] = []
    seen: set[Clause] = set()

    def add(words, prefix=False):
        words = tuple(word.lower() for word in words)
        if not words:
            return
        clause = Clause(words, prefix and len(words[-1]) >= MIN_PREFIX_LENGTH)
        if clause not in seen and len(clauses) < MAX_CLAUSES:
            seen.add(clause)
            clauses.append(clause)

    position = 0
    for match in QUOTED.finditer(text):
        _add_words(text[position : match.start()], add)
        add([word.group(0).rstrip("*") for word in WORD.finditer(match.group(1))])
        position = match.end()
    _add_words(text[position:], add)
    return ParsedQuery(text=text, clauses=tuple(clauses), truncated=truncated)


def _add_words(text, add):
    for match in WORD.finditer(text):
        add([match.group(0).rstrip("*")], prefix=bool(match.group(1)))


def highlighted(text: str) -> SafeString:
    """Escape engine output, then turn its markers into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - everything but our markers was escaped above
