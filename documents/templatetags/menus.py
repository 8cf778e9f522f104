"""`{% load menus %}` then `{% select_options choices selected %}`: the <option> elements of a
long menu (every unit of the province, every campaign) built in Python. A template loop costs
tens of microseconds an option; a menu of three hundred units was most of a page's time."""

from django import template
from django.utils.safestring import mark_safe

from documents.markup import text as _text

register = template.Library()


@register.simple_tag
def select_options(choices, selected=None):
    """`choices`: (value, label) pairs; the option whose value equals `selected` (compared as
    text) is selected. Values and labels are escaped."""
    chosen = "" if selected is None else str(selected)
    return mark_safe(  # every value and label is escaped by _text
        "".join(
            f'<option value="{_text(value)}"{" selected" if str(value) == chosen else ""}>'
            f"{_text(label)}</option>"
            for value, label in choices
        )
    )
