"""Highlighted titles and snippets, written in Python from the text as stored.

The engines index prepared terms (see `terms`), not the text readers see, so the
words to mark are found here: a word is marked when one of its terms is one the
query looks for. Only the page of results is read, so the cost does not grow
with the archive, and both engines give the same snippets.
"""

import re
from bisect import bisect_left

from .query import MARK_END, MARK_START, Terms
from .terms import TOKEN, word_terms

SNIPPET_WORDS = 30
CONTEXT_WORDS = 8
CANDIDATES = 100
# A line break ends a block (a heading, a paragraph); after a bare word it becomes a sentence break.
BREAK = re.compile(r"\s*\n\s*")
ENDS_SENTENCE = frozenset(".!?…:;,")
TRAILING_PUNCTUATION = re.compile(r"[.!?…,;:)”»\"']*")


class Matcher:
    """Which written words a query's terms match, in the language of the results."""

    def __init__(self, terms: tuple[Terms, ...], language: str):
        self.language = language
        self.exact = {term for clause in terms for term in clause.terms[: -1 if clause.prefix else None]}
        self.prefixes = tuple(clause.terms[-1] for clause in terms if clause.prefix)

    def term(self, word: str) -> str | None:
        for term in word_terms(word, self.language):
            if term in self.exact or term.startswith(self.prefixes):
                return term
        return None


def _marked(text, tokens, matcher, start, end) -> str:
    """text[start:end] with every matched word between markers."""
    pieces, position = [], start
    for token in tokens:
        if matcher.term(token.group()):
            pieces += [text[position : token.start()], MARK_START, token.group(), MARK_END]
            position = token.end()
    pieces.append(text[position:end])
    return "".join(pieces)


def _flat(text: str) -> str:
    def joined(match):
        before = text[match.start() - 1] if match.start() else "."
        return " " if before in ENDS_SENTENCE else ". "

    return BREAK.sub(joined, text).strip()


def highlight_title(title: str, matcher: Matcher) -> str:
    return _marked(title, list(TOKEN.finditer(title)), matcher, 0, len(title))


def _best_start(hits, words):
    """The first word of the window holding the most different matched terms; the earliest wins ties."""
    positions = [position for position, _ in hits]
    best, best_count = 0, 0
    for position, _ in hits[:CANDIDATES]:
        start = max(0, position - CONTEXT_WORDS)
        first = bisect_left(positions, start)
        last = bisect_left(positions, start + words)
        count = len({term for _, term in hits[first:last]})
        if count > best_count:
            best, best_count = start, count
    return best


def snippet(body: str, matcher: Matcher, words: int = SNIPPET_WORDS) -> str:
    """About `words` words of the body around its best cluster of matches, or its opening if none."""
    tokens = list(TOKEN.finditer(body))
    if not tokens:
        return ""
    hits = [(index, term) for index, token in enumerate(tokens) if (term := matcher.term(token.group()))]
    first = _best_start(hits, words) if hits else 0
    last = min(len(tokens), first + words) - 1
    start = tokens[first].start()
    end = TRAILING_PUNCTUATION.match(body, tokens[last].end()).end()
    text = _flat(_marked(body, tokens[first : last + 1], matcher, start, end))
    return ("… " if first else "") + text + (" …" if last < len(tokens) - 1 else "")
