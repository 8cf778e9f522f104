"""`{% url %}` for every template (a builtin, settings.TEMPLATES): Django's tag, with each URL
it reverses kept by the process.

Django's `reverse()` walks the URL resolver on every call, about a hundred Python calls; a
dashboard of ten campaigns printed thirty of them. Here a URL reversed once is looked up again
by everything it depends on: the view name, the arguments, the current application (as
Django's tag reads it from the request), the URLconf (the request's, else ROOT_URLCONF), the
script prefix and the active language. Only arguments that are plain numbers or text are kept
(a model instance prints through its own `__str__`); a view name that cannot be reversed
raises, or gives "" with `as var`, as Django's tag does, and is never kept.
"""

from django import template
from django.conf import settings
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# The key of a URL (see `_key`) -> (the URL, escaped); emptied when it reaches _KEPT_MAX.
_kept: dict[tuple, tuple[str, str]] = {}
_KEPT_MAX = 20_000


def _plain(value) -> bool:
    # Exactly these types: a subclass may print otherwise than it compares (an Enum on str).
    return type(value) in (int, str, SafeString)


def _key(view_name, args, kwargs, current_app) -> tuple | None:
    if not (isinstance(view_name, str) and all(map(_plain, args))):
        return None
    if kwargs and not all(map(_plain, kwargs.values())):
        return None
    return (
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


def forget() -> None:
    """Reverse every URL again (tests that change URL patterns in place)."""
    _kept.clear()


class KeptURLNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        key = _key(view_name, args, kwargs, current_app)
        kept = _kept.get(key) if key is not None else None
        if kept is None:
            try:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""
            # The URL, and the URL as an autoescaping template prints it.
            kept = (url, conditional_escape(url))
            if key is not None and url:
                if len(_kept) >= _KEPT_MAX:
                    _kept.clear()
                _kept[key] = kept
        if self.asvar:
            context[self.asvar] = kept[0]
            return ""
        return kept[1] if context.autoescape else kept[0]


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
