"""Words as the index stores them: without accents or case, reduced to their stem in the text's language.

Both database engines index the same prepared terms, split on spaces only, so
"kill" finds "killed", "Apurimac" finds "Apurímac" and "protestas" finds
"protesta" alike on SQLite and PostgreSQL, whatever their own tokenizers and
dictionaries would do. Words are folded before stemming: Spanish is often typed
without accents, and "mineria" must meet "minería".
"""

import re
from functools import lru_cache

import snowballstemmer

from chasqui.core.text import folded

# Letters and digits; what both engines' tokenizers split prepared text into.
TOKEN = re.compile(r"[^\W_]+")
STEMMERS = {"en": "english", "es": "spanish"}


@lru_cache(maxsize=8)
def _stemmer(language):
    name = STEMMERS.get((language or "").split("-")[0].lower())
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=200_000)
def word_terms(word: str, language: str) -> tuple[str, ...]:
    """The terms of one word as written; folding may split it ("¼" gives "1" and "4")."""
    stemmer = _stemmer(language)
    parts = TOKEN.findall(folded(word))
    return tuple(stemmer.stemWord(part) for part in parts) if stemmer else tuple(parts)


def index_terms(text: str, language: str) -> str:
    """A text's terms in order, separated by spaces, for the full-text columns."""
    return " ".join(term for word in TOKEN.findall(text or "") for term in word_terms(word, language))


def prefix_term(word: str, language: str) -> str:
    """What a prefix search looks for: the stem of what was typed, as indexed words are stems.

    "mining*" looks for terms starting with "mine" (mining, miners, mines); the stem is kept
    only when it has at least three letters, else the folded word as typed.
    """
    terms = word_terms(word, language)
    if not terms:
        return ""
    stem = terms[-1]
    return stem if len(stem) >= 3 else TOKEN.findall(folded(word))[-1]
