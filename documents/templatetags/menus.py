"""`{% load menus %}` then `{% select_options choices selected %}`: the <option> elements of a
long menu (every unit of the province, every campaign) built in Python. A template loop costs
tens of microseconds an option; a menu of three hundred units was most of a page's time."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")


@register.simple_tag
def select_options(choices, selected=None):
    """`choices`: (value, label) pairs; the option whose value equals `selected` (compared as
    text) is selected. Values and labels are escaped."""
    chosen = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if str(value) == chosen else "", label) for value, label in choices),
    )
