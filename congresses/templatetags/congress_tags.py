from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ labels|get_item:row.kind }}`: a dictionary's value in a template."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def age_in(delegate, year):
    return delegate.age_in(year) or ""
