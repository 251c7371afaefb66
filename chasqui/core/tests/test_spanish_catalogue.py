"""Every string the site shows in English has its Spanish, so /es/ never falls back to English.

The tests read the .po files themselves rather than the running translation, so they keep
working after two branches have appended to the same catalogue, and fail as soon as a string
is added without its Spanish (or the catalogue is edited without compiling it).
"""

import re
from pathlib import Path

import polib
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = [
    PROJECT_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po",
    PROJECT_DIR / "news" / "locale" / "es" / "LC_MESSAGES" / "django.po",
    PROJECT_DIR / "observatory" / "locale" / "es" / "LC_MESSAGES" / "django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")
PLURAL_FORMS = 3


def live_entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def described(entry):
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


@pytest.fixture(params=CATALOGUES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def catalogue(request):
    return request.param


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    missing = [
        described(entry)
        for entry in live_entries(catalogue)
        if "fuzzy" in entry.flags or not all(translations(entry))
    ]
    assert not missing, f"{len(missing)} entries without Spanish in {catalogue}: {missing}"


def test_plural_entries_give_all_three_spanish_forms(catalogue):
    short = [
        described(entry)
        for entry in live_entries(catalogue)
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(PLURAL_FORMS))
    ]
    assert not short, f"plural entries without {PLURAL_FORMS} forms in {catalogue}: {short}"


def placeholders_differ(entry, spanish):
    """A translation may not invent a placeholder; outside plurals it must also keep them all."""
    english = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
    found = set(PLACEHOLDER.findall(spanish))
    return bool(found - english) or (not entry.msgid_plural and found != english)


def test_translations_keep_the_placeholders_of_the_english(catalogue):
    mismatched = [
        described(entry)
        for entry in live_entries(catalogue)
        if any(placeholders_differ(entry, spanish) for spanish in translations(entry))
    ]
    assert not mismatched, f"placeholders differ from the English in {catalogue}: {mismatched}"


def test_the_compiled_catalogue_holds_every_translation(catalogue):
    compiled = polib.mofile(str(catalogue.with_suffix(".mo")))
    compiled_ids = {(entry.msgctxt, entry.msgid) for entry in compiled}
    uncompiled = [
        described(entry)
        for entry in live_entries(catalogue)
        if (entry.msgctxt, entry.msgid) not in compiled_ids
    ]
    assert not uncompiled, f"run compilemessages: {catalogue.with_suffix('.mo')} lacks {uncompiled}"
