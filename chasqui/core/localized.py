"""Text that editors write once per language on models that are not pages (settings, plans).

A model lists its translatable fields in `localized_fields`; each has a counterpart named
`<field>_<language code>` (e.g. `tagline_es`). `obj.localized.tagline` is the counterpart in the
active language when the editors filled it in, else the default language's value: the one rule
for which text a reader sees.
"""

from django.conf import settings
from django.utils import translation


def counterpart_name(field_name, language_code):
    return f"{field_name}_{language_code}"


def other_languages():
    """The interface languages besides the default one, which the plain fields hold."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def localized_value(obj, field_name, language_code=None):
    """`field_name` of `obj` in the language (the active one by default), falling back to the default."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    if language_code != settings.LANGUAGE_CODE:
        value = getattr(obj, counterpart_name(field_name, language_code), "")
        if value:
            return value
    return getattr(obj, field_name)


class LocalizedView:
    """`obj` as a reader in the active language sees it: translated fields swapped in, others as they are."""

    def __init__(self, obj, language_code=None):
        self._obj = obj
        self._language_code = language_code

    def __getattr__(self, name):
        if name in self._obj.localized_fields:
            return localized_value(self._obj, name, self._language_code)
        return getattr(self._obj, name)


class LocalizedFieldsMixin:
    """Gives a model `.localized`; the counterpart fields themselves are declared on the model."""

    localized_fields = ()

    @property
    def localized(self):
        return LocalizedView(self)

    def in_language(self, language_code):
        return LocalizedView(self, language_code)
