"""`{% load portal_static %}`: Django's `static` tags, with the URL of each static file kept.

`{% static "css/portal.css" %}` asks the static files storage for the file's URL (with the
manifest in production, its hashed name) at about a hundred Python calls; base.html prints four
on every page. The URL of a path does not change while the process runs (the storage reads its
manifest once), except when a test changes the settings it is built from.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags import static as django_static

register = template.Library()
register.tags.update(django_static.register.tags)
register.filters.update(django_static.register.filters)

# path -> URL
_kept: dict[str, str] = {}


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "INSTALLED_APPS", "DEBUG"}:
        _kept.clear()


class KeptStaticNode(django_static.StaticNode):
    def url(self, context):
        path = self.path.resolve(context)
        if not isinstance(path, str):
            return self.handle_simple(path)
        url = _kept.get(path)
        if url is None:
            url = _kept[path] = self.handle_simple(path)
        return url


@register.tag("static")
def do_static(parser, token):
    return KeptStaticNode.handle_token(parser, token)
