"""Filters for the decision PDF."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# "12/TTr-UBND", "98/2023/NĐ-CP", "20/8/2024": references that must not break at a slash.
_REFERENCE = re.compile(r"\S*\d\S*/\S+")


@register.filter(needs_autoescape=True)
def keep_references(text, autoescape=True):
    """Escape `text` and keep each document number or date on one line."""
    escape = conditional_escape if autoescape else (lambda s: s)
    parts, last = [], 0
    for match in _REFERENCE.finditer(str(text)):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<span class="nowrap">{escape(match.group(0))}</span>')
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
