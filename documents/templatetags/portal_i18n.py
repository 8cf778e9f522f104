"""`{% load portal_i18n %}`: Django's `i18n` tags, with a shorter road for the common
`{% translate "literal" %}`.

The portal's templates load it instead of `i18n` (a test holds them to it). Every tag is
Django's own; only a `{% translate %}` of a plain string literal (no filter, no context, not
`noop`, with or without `as var`) renders through `LiteralTranslateNode`, which prints what
Django's TranslateNode prints (the same catalogue look-up: percent signs doubled in the message
id and restored after; a template literal is safe, so is its translation) without building a
lazy translation, resolving a variable and localising a string on every render. Each
translation is looked up once per language and message, then kept by the process. A page
printed a few dozen of them at about 85 Python calls each; here about 15.
"""

from django import template
from django.template.base import Variable
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

from documents.kept import forget_with_catalogues

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

# (language, message id) -> the translation printed: the catalogues do not change while the
# process runs, except when a test changes the settings they are read from (documents.kept).
_printed: dict[tuple[str | None, str], SafeString] = {}
forget_with_catalogues(_printed.clear)


class LiteralTranslateNode(django_i18n.TranslateNode):
    """`{% translate "..." %}` or `{% translate "..." as var %}` of a string literal."""

    def __init__(self, literal: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As Variable.resolve() hands it to gettext: percent signs doubled.
        self.msgid = mark_safe(literal.replace("%", "%%"))

    def render(self, context):
        key = (get_language(), self.msgid)
        value = _printed.get(key)
        if value is None:
            # The translation of a safe literal is safe (trans_real.gettext).
            value = _printed[key] = SafeString(gettext(self.msgid).replace("%%", "%"))
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


def _literal(node) -> str | None:
    """The node's string literal when nothing else takes part in its rendering."""
    expression = node.filter_expression
    var = expression.var
    if (
        node.noop
        or node.message_context is not None
        or expression.filters
        or not isinstance(var, Variable)
        or var.lookups is not None
        or not isinstance(var.literal, SafeData)
    ):
        return None
    return str(var.literal)


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    literal = _literal(node)
    if literal is None:
        return node
    return LiteralTranslateNode(
        literal,
        node.filter_expression,
        node.noop,
        asvar=node.asvar,
        message_context=node.message_context,
    )
