"""Template helpers of the campaigns app."""

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def include_if_exists(context, template_name: str):
    """Render `template_name` with the current context, or nothing if it does not exist.

    The award panels come from the awards app, which may not be installed yet; campaigns
    must not import it (imports point awards -> campaigns).
    """
    try:
        tpl = get_template(template_name)
    except TemplateDoesNotExist:
        return ""
    return tpl.render(context.flatten(), context.get("request"))
