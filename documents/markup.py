"""HTML built in Python (table rows, menus): every value through `text()`."""

import functools
from collections.abc import Callable
from html import escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.translation import get_language

from documents.kept import forget_with_catalogues


def text(value) -> str:
    """Escaped like Django's conditional_escape: safe text as it is, any other value escaped
    (with Python's own html.escape, which Django's escape() wraps at a higher cost)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


# The class of a table cell a phone leaves out (below Bootstrap's md breakpoint); the row puts
# its value in a grey line (`PHONE_LINE`) under the cell that stays.
WIDE = "d-none d-md-table-cell"
PHONE_LINE = '<div class="d-md-none small text-body-secondary">{}</div>'


# Digits no real path holds: where the id goes in a reversed URL.
_ID_MARK = "9081726354453627"


def url_for_each(name: str) -> Callable[[object], str]:
    """`reverse(name, args=[pk])` for the rows of a table at the cost of one reverse: the
    view's path with a mark where the id goes, filled in for each row."""
    try:
        head, found, tail = reverse(name, args=[int(_ID_MARK)]).partition(_ID_MARK)
    except NoReverseMatch:  # a pattern that takes fewer digits
        found = ""
    if not found:  # or that does not print the id as it is: reverse each time
        return lambda pk: reverse(name, args=[pk])
    return lambda pk: f"{head}{pk}{tail}"


# (form class, language) -> {field name: the field's HTML}
_UNBOUND_FIELDS: dict[tuple, dict[str, str]] = {}


def unbound_fields(form_class) -> dict[str, str]:
    """The fields of `form_class()` as an unbound form prints them (`{{ form.kind }}`), rendered
    once per language by the process: for forms whose empty state depends on nothing else (no
    request, no database, no clock), as the dossier page's attachment form."""
    key = (form_class, get_language())
    fields = _UNBOUND_FIELDS.get(key)
    if fields is None:
        form = form_class()
        fields = _UNBOUND_FIELDS[key] = {name: str(form[name]) for name in form.fields}
    return fields


def number(value) -> str:
    """A number as a template prints it (`{{ n }}`: localised, thousands and decimal separators
    of the language), escaped; each (value, language) formatted once by the process."""
    if type(value) not in (int, float) or (value == 0.0 and type(value) is float):
        # (-0.0 equals 0.0 as a key, but prints "-0")
        return text(localize(value))
    return _localized(value, type(value), get_language())


@functools.lru_cache(maxsize=4096)
def _localized(value, kind, language) -> str:  # `kind`: 1 and 1.0 print differently
    return text(localize(value))


@receiver(setting_changed)
def _forget_on_settings(*, setting, **kwargs):
    if setting in {
        "USE_THOUSAND_SEPARATOR",
        "NUMBER_GROUPING",
        "THOUSAND_SEPARATOR",
        "DECIMAL_SEPARATOR",
        "FORMAT_MODULE_PATH",
        "LANGUAGE_CODE",
    }:
        _localized.cache_clear()
    if setting == "FORM_RENDERER":
        _UNBOUND_FIELDS.clear()


forget_with_catalogues(_UNBOUND_FIELDS.clear)
