"""`{% load portal_static %}`: Django's static tags, with each file's URL kept by the process.
Whatever the storage: the plain one (DEBUG) or the manifest of hashed names (production, CI)."""

import pytest
from django.template import Context, Engine, Template
from django.templatetags.static import static

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


def _printed(engine, source, context):
    """What the template prints, or the error it raises (a file the manifest lacks)."""
    try:
        return engine.from_string(source).render(Context(context))
    except ValueError as error:
        return repr(error)


@pytest.mark.parametrize("source", CASES)
def test_prints_what_djangos_static_tag_prints(source):
    for _ in range(2):  # the second time from what was kept
        context = {"path": "vendor/htmx/htmx.min.js"}
        assert _printed(PORTAL, source, context) == _printed(DJANGO, source, context)


def test_a_url_is_asked_of_the_storage_once(monkeypatch):
    portal_static._kept.clear()
    calls = []
    real = portal_static.KeptStaticNode.handle_simple

    def counted(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(portal_static.KeptStaticNode, "handle_simple", staticmethod(counted))
    template = PORTAL.from_string("{% load static %}{% static 'css/portal.css' %}")
    assert template.render(Context()) == template.render(Context()) == static("css/portal.css")
    assert calls == ["css/portal.css"]


def test_a_new_static_url_is_followed(settings):
    template = PORTAL.from_string("{% load static %}{% static 'css/portal.css' %}")
    before = template.render(Context())
    settings.STATIC_URL = "/assets/"
    after = template.render(Context())
    assert after == static("css/portal.css")
    assert after.startswith("/assets/css/portal.")
    assert after != before


def test_the_base_template_loads_it():
    html = Template("{% extends 'base.html' %}").render(Context())
    assert f'<link rel="stylesheet" href="{static("css/portal.css")}">' in html
    source = Engine.get_default().get_template("base.html").source
    assert source.startswith("{% load portal_static ")
