"""`{% load portal_static %}`: Django's static tags, with each file's URL kept by the process."""

import pytest
from django.template import Context, Engine, Template

from documents.templatetags import portal_static

DJANGO = Engine(libraries={"static": "django.templatetags.static"})
PORTAL = Engine(libraries={"static": "documents.templatetags.portal_static"})

CASES = [
    "{% load static %}{% static 'css/portal.css' %}",
    "{% load static %}{% static 'css/portal.css' as css %}[{{ css }}]",
    "{% load static %}{% static path %}",
    "{% load static %}{% static 'odd name&x.css' %}",
    "{% load static %}{% get_static_prefix %}",
    "{% load static %}{% get_media_prefix %}",
]


@pytest.mark.parametrize("source", CASES)
def test_prints_what_djangos_static_tag_prints(source):
    for _ in range(2):  # the second time from what was kept
        context = {"path": "vendor/htmx/htmx.min.js"}
        assert PORTAL.from_string(source).render(Context(context)) == DJANGO.from_string(
            source
        ).render(Context(context))


def test_a_url_is_asked_of_the_storage_once(monkeypatch):
    portal_static._kept.clear()
    calls = []
    real = portal_static.KeptStaticNode.handle_simple

    def counted(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(portal_static.KeptStaticNode, "handle_simple", staticmethod(counted))
    template = PORTAL.from_string("{% load static %}{% static 'css/portal.css' %}")
    assert template.render(Context()) == template.render(Context()) == "/static/css/portal.css"
    assert calls == ["css/portal.css"]


def test_a_new_static_url_is_followed(settings):
    template = PORTAL.from_string("{% load static %}{% static 'css/portal.css' %}")
    template.render(Context())
    settings.STATIC_URL = "/assets/"
    assert template.render(Context()) == "/assets/css/portal.css"


def test_the_base_template_loads_it():
    html = Template("{% extends 'base.html' %}").render(Context())
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in html
    source = Engine.get_default().get_template("base.html").source
    assert source.startswith("{% load portal_static ")
