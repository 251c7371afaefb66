"""Text rules shared by every app."""

import unicodedata


def folded(text):
    """``text`` without accents and case-folded, so "Áncash" sorts beside "Amazonas", not after "Ucayali"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
