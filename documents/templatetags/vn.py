"""Vietnamese formats for templates: `{% load vn %}` then `{{ decision.date|vn_date_words }}`.

Every filter answers "" for None or "" so that a missing value never prints "None".
"""

import unicodedata

from django import template

from documents import vietnamese

register = template.Library()


def _blank(value) -> bool:
    return value is None or value == ""


@register.filter
def vn_date_words(value) -> str:
    """ "ngày 05 tháng 01 năm 2026"."""
    return "" if _blank(value) else vietnamese.date_in_words(value)


@register.filter
def vn_short_date(value) -> str:
    """ "19/8/2019" (running text)."""
    return "" if _blank(value) else vietnamese.short_date(value)


@register.filter
def vn_form_date(value) -> str:
    """ "19/08/2019" (forms and tables)."""
    return "" if _blank(value) else vietnamese.form_date(value)


@register.filter
def vn_number(value) -> str:
    """ "2.340.000"."""
    return "" if _blank(value) else vietnamese.format_number(value)


@register.filter
def vn_money(value) -> str:
    """ "2.340.000 đồng"."""
    return "" if _blank(value) else vietnamese.format_money(value)


@register.filter
def vn_money_words(value) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng"."""
    return "" if _blank(value) else vietnamese.money_in_words(value)


@register.filter
def two_digits(value) -> str:
    """ "05" (document numbers, counts in a trích yếu)."""
    return "" if _blank(value) else vietnamese.two_digits(value)


@register.filter
def clip(value, length) -> str:
    """The text cut to `length` characters, the last being "…" ("" for None).

    What `truncatechars` prints for the texts the portal stores (NFC, as forms and imports
    save them), at a fraction of its cost: tables print it on every row.
    """
    if _blank(value):
        return ""
    text = unicodedata.normalize("NFC", str(value))
    length = int(length)
    if len(text) <= length:
        return text
    return text[: max(length - 1, 0)] + "…"
