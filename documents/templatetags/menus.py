"""`{% load menus %}` then `{% select_options choices selected %}`: the <option> elements of a
long menu (every unit of the province, every campaign) built in Python. A template loop costs
tens of microseconds an option; a menu of three hundred units was most of a page's time."""

import functools

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from documents.kept import forget_with_catalogues
from documents.markup import text as _text

register = template.Library()


@functools.lru_cache(maxsize=128)
def _options(choices: tuple, language: str | None) -> tuple[tuple, tuple, dict]:
    """Each option's HTML, unselected and selected, and where each value's options are. Kept
    per menu and language (a label may be translated): the same menus come back on every
    page."""
    options, chosen, where = [], [], {}
    for value, label in choices:
        where.setdefault(str(value), []).append(len(options))
        value, label = _text(value), _text(label)
        options.append(f'<option value="{value}">{label}</option>')
        chosen.append(f'<option value="{value}" selected>{label}</option>')
    return tuple(options), tuple(chosen), where


forget_with_catalogues(_options.cache_clear)


@register.simple_tag
def select_options(choices, selected=None):
    """`choices`: (value, label) pairs; the option whose value equals `selected` (compared as
    text) is selected. Values and labels are escaped."""
    chosen = "" if selected is None else str(selected)
    menu = tuple(map(tuple, choices))
    try:
        options, selected_options, where = _options(menu, get_language())
    except TypeError:  # a value or label that cannot be a key: built each time
        options, selected_options, where = _options.__wrapped__(menu, None)
    # Every value and label is escaped by _text.
    if chosen not in where:
        return mark_safe("".join(options))
    marked = list(options)
    for index in where[chosen]:
        marked[index] = selected_options[index]
    return mark_safe("".join(marked))
