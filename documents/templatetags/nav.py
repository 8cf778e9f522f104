"""`{% load nav %}` then `{% nav_links %}`: the links of the navigation bar, built once per
language, kind of visitor (public or staff) and script prefix, and kept by the process. Every
page printed them through a dozen {% url %} and {% translate %} tags. (The account's items,
the administration among them, are in the account menu of base.html.)"""

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from documents.kept import forget_with_catalogues
from documents.markup import text as _e

register = template.Library()

STAFF_LINKS = (
    ("home", gettext_noop("Work queue")),
    ("campaign_list", gettext_noop("Campaigns")),
    ("nominations:dossier_list", gettext_noop("Dossiers")),
    ("decisions:list", gettext_noop("Decisions")),
    ("awards:register", gettext_noop("Award register")),
    ("congresses:plan_list", gettext_noop("Congresses")),
    ("reports:dashboard", gettext_noop("Statistics")),
    ("unit_list", gettext_noop("Units")),
)
PUBLIC_LINKS = (
    ("public_campaign_list", gettext_noop("Campaigns")),
    ("public_posting_list", gettext_noop("Lists for comments")),
    ("public_decisions:list", gettext_noop("Award decisions")),
    ("honours:roll", gettext_noop("Honour roll")),
)


@functools.lru_cache(maxsize=64)
def _links(language: str, prefix: str, signed_in: bool) -> str:
    """The <li> items; `language` and `prefix` key the cache (gettext and reverse read them)."""
    links = STAFF_LINKS if signed_in else PUBLIC_LINKS
    return "\n".join(
        f'<li class="nav-item"><a class="nav-link" href="{_e(reverse(name))}">'
        f"{_e(gettext(label))}</a></li>"
        for name, label in links
    )


forget_with_catalogues(_links.cache_clear)


@register.simple_tag(takes_context=True)
def nav_links(context):
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    return mark_safe(_links(get_language(), get_script_prefix(), signed_in))
