"""`{% url %}` is documents.templatetags.portal_urls (a builtin): Django's tag, with the URLs it
reverses kept; it must print exactly what Django's own tag prints."""

import pytest
from django.template import Context, Engine, RequestContext, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, set_script_prefix

from documents.templatetags import portal_urls

DJANGO = Engine()
PORTAL = Engine(builtins=["documents.templatetags.portal_urls"])

CASES = [
    "{% url 'home' %}",
    "{% url 'reports:summary' 5 %}",
    "{% url 'reports:summary' pk %}",
    "{% url 'reports:summary' text_pk %}",
    "{% url 'reports:export' 'dossiers' %}",
    "{% url 'nominations:dossier_action' pk 'submit' %}",
    "{% url 'reports:summary' pk as link %}[{{ link }}]",
    "{% url 'no-such-view' as link %}[{{ link }}]",
    "{% url view_name pk %}",
    "{% url 'admin:index' %}",
    "{% url 'admin:accounts_user_change' pk %}",
    "{% autoescape off %}{% url 'reports:summary' pk %}{% endautoescape %}",
]


def _context(**extra):
    return {"pk": 7, "text_pk": "8", "view_name": "reports:summary", **extra}


@pytest.mark.parametrize("source", CASES)
def test_prints_what_djangos_url_tag_prints(source):
    for _ in range(2):  # the second time from what was kept
        expected = DJANGO.from_string(source).render(Context(_context()))
        printed = PORTAL.from_string(source).render(Context(_context()))
        assert printed == expected
    assert printed.strip("[]") or "no-such-view" in source


def test_a_url_that_cannot_be_reversed_raises_as_djangos_tag_does():
    for engine in (DJANGO, PORTAL):
        with pytest.raises(NoReverseMatch):
            engine.from_string("{% url 'no-such-view' %}").render(Context())
        with pytest.raises(NoReverseMatch):
            engine.from_string("{% url 'reports:summary' %}").render(Context())


def test_a_url_is_reversed_once(monkeypatch):
    portal_urls.forget()
    calls = []
    real = portal_urls.reverse

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(portal_urls, "reverse", counted)
    template = PORTAL.from_string("{% url 'reports:summary' pk %}")
    assert [template.render(Context({"pk": pk})) for pk in (1, 2, 1, 2)] == [
        "/reports/campaigns/1/summary/",
        "/reports/campaigns/2/summary/",
        "/reports/campaigns/1/summary/",
        "/reports/campaigns/2/summary/",
    ]
    assert len(calls) == 2


def test_what_is_not_a_number_or_text_is_reversed_each_time(monkeypatch):
    calls = []
    real = portal_urls.reverse

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    class Pk:
        def __str__(self):
            return "9"

    monkeypatch.setattr(portal_urls, "reverse", counted)
    template = PORTAL.from_string("{% url 'reports:summary' pk %}")
    for _ in range(2):
        assert template.render(Context({"pk": Pk()})) == "/reports/campaigns/9/summary/"
    assert len(calls) == 2


def test_the_current_application_of_the_request_counts(settings):
    """The admin reverses its URLs for the site of the request (`request.current_app`)."""
    settings.ROOT_URLCONF = "tests.documents.urls_other"
    template = PORTAL.from_string("{% url 'admin:index' %}")
    request = RequestFactory().get("/")
    printed = []
    for current_app in ("other_admin", "admin", None, "other_admin"):
        request.current_app = current_app
        expected = DJANGO.from_string("{% url 'admin:index' %}").render(RequestContext(request))
        printed.append(template.render(RequestContext(request)))
        assert printed[-1] == expected
    assert printed == ["/other-admin/", "/admin/", "/admin/", "/other-admin/"]


def test_the_script_prefix_counts():
    template = PORTAL.from_string("{% url 'reports:summary' 3 %}")
    try:
        set_script_prefix("/portal/")
        assert template.render(Context()) == "/portal/reports/campaigns/3/summary/"
    finally:
        set_script_prefix("/")
    assert template.render(Context()) == "/reports/campaigns/3/summary/"


def test_the_urlconf_counts(settings):
    template = PORTAL.from_string("{% url 'home' %}")
    assert template.render(Context()) == "/"
    settings.ROOT_URLCONF = "tests.documents.urls_other"
    assert template.render(Context()) == "/elsewhere/home/"


def test_a_subclass_of_text_is_not_kept():
    """An Enum on str equals its value but prints as its name: reversed each time."""
    import enum

    class Kind(str, enum.Enum):  # noqa: UP042 (not a StrEnum: that one prints its value)
        SEVEN = "7"

    template = PORTAL.from_string("{% url 'reports:summary' v %}")
    assert template.render(Context({"v": "7"})) == "/reports/campaigns/7/summary/"
    for engine in (DJANGO, PORTAL):
        with pytest.raises(NoReverseMatch):
            engine.from_string("{% url 'reports:summary' v %}").render(Context({"v": Kind.SEVEN}))


def test_the_projects_templates_have_it():
    template = Template("{% url 'home' %}")
    assert isinstance(template.nodelist[0], portal_urls.KeptURLNode)
