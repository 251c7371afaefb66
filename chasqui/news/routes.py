"""The words of the news index's sub-routes in each language: /news/topic/… and /es/noticias/tema/….

The routes are declared once, in English (`index_page.py`). A path's first word is put into the
page's language on the way out (`localize_route`) and back into English on the way in
(`canonical_route`); a reader who follows the other language's word (/es/noticias/topic/…, say
from an English link) is redirected to this language's. Pages are served and linked in their
own language (the URL prefix activates it), so the active language names the words.
"""

from django.conf import settings
from django.utils import translation

# English word -> the word in each other language. A word missing here is the same everywhere.
ROUTE_WORDS = {
    "es": {"topic": "tema", "region": "region", "archive": "archivo", "feed": "feed"},
}
ENGLISH_WORDS = frozenset(word for words in ROUTE_WORDS.values() for word in words)


def _language(language_code):
    return language_code or translation.get_language() or settings.LANGUAGE_CODE


def _split(path):
    """("/" or "", first word, the rest with its leading slash or "")."""
    lead = "/" if path.startswith("/") else ""
    head, slash, rest = path[len(lead) :].partition("/")
    return lead, head, slash + rest


def localize_route(path, language_code=None):
    """An English sub-route ("topic/mining/") in the language's words ("tema/mining/")."""
    lead, head, rest = _split(path)
    return lead + ROUTE_WORDS.get(_language(language_code), {}).get(head, head) + rest


def canonical_route(path, language_code=None):
    """(the path in English words, whether it used a word of another language than this one)."""
    language_code = _language(language_code)
    lead, head, rest = _split(path)
    own = ROUTE_WORDS.get(language_code, {})
    native = {word: english for english, word in own.items()}
    if head in native:
        return lead + native[head] + rest, False
    if head in own:  # the English word where this language has its own
        return path, True
    for other, words in ROUTE_WORDS.items():
        foreign = {word: english for english, word in words.items() if word not in ENGLISH_WORDS}
        if other != language_code and head in foreign:
            return lead + foreign[head] + rest, True
    return path, False


def subpage_path(resolver, name, *args, language_code=None):
    """What a routable index's `reverse_subpage` gives, from its class's resolver alone."""
    return localize_route(resolver.reverse(name, *args), language_code)
