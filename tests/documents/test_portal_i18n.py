"""`{% load portal_i18n %}`: Django's i18n tags, and a shorter road for `{% translate "literal" %}`
that must print exactly what Django's own tag prints."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine, Template
from django.templatetags import i18n as django_i18n
from django.utils import translation

from documents.templatetags.portal_i18n import LiteralTranslateNode

DJANGO = Engine(libraries={"i18n": "django.templatetags.i18n"})
PORTAL = Engine(libraries={"i18n": "documents.templatetags.portal_i18n"})

CASES = [
    '{% translate "Dossiers" %}',
    "{% translate 'Dossiers' %}",
    '{% trans "Work queue" %}',
    '{% translate "Not in any catalogue, 100% sure & <b>bold</b>" %}',
    '{% translate "Do it again, 50%% or 50%" %}',
    '{% translate "Dossiers" as heading %}[{{ heading }}]',
    '{% translate "Dossiers" as heading %}{{ heading|upper }}',
    '{% translate "Dossiers"|upper %}',
    '{% translate "May" context "month name" %}',
    '{% translate "Dossiers" noop %}',
    "{% translate value %}",
    "{% translate value as shown %}{{ shown }}",
    "{% autoescape off %}{% translate value %}{% endautoescape %}",
]


@pytest.mark.parametrize("source", CASES)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_prints_what_djangos_translate_tag_prints(source, language):
    context = {"value": "Dossiers <i>&</i>"}
    source = "{% load i18n %}" + source
    with translation.override(language):
        expected = DJANGO.from_string(source).render(Context(context))
        printed = PORTAL.from_string(source).render(Context(context))
    assert printed == expected


def test_a_vietnamese_literal_is_translated():
    with translation.override("vi"):
        printed = PORTAL.from_string('{% load i18n %}{% translate "Dossiers" %}').render(Context())
    assert printed == "Hồ sơ đề nghị"


def _translate_nodes(template):
    return [
        node
        for node in template.nodelist.get_nodes_by_type(django_i18n.TranslateNode)
        if isinstance(node, django_i18n.TranslateNode)
    ]


def test_only_a_plain_literal_takes_the_short_road():
    plain = PORTAL.from_string('{% load i18n %}{% translate "Dossiers" as h %}{% trans "A" %}')
    assert {type(n) for n in _translate_nodes(plain)} == {LiteralTranslateNode}
    for source in (
        '{% translate "Dossiers"|upper %}',
        '{% translate "May" context "month name" %}',
        '{% translate "Dossiers" noop %}',
        "{% translate value %}",
    ):
        nodes = _translate_nodes(PORTAL.from_string("{% load i18n %}" + source))
        assert [type(n) for n in nodes] == [django_i18n.TranslateNode], source


def test_the_projects_templates_get_it_with_djangos_other_tags():
    template = Template('{% load portal_i18n %}{% translate "Dossiers" %}')
    assert [type(n) for n in _translate_nodes(template)] == [LiteralTranslateNode]
    with translation.override("vi"):
        printed = Template(
            "{% load portal_i18n %}{% get_current_language as lang %}{{ lang }}"
            "{% blocktranslate count n=2 %}{{ n }} day{% plural %}{{ n }} days"
            "{% endblocktranslate %}"
        ).render(Context())
    assert printed.startswith("vi")


LOAD = re.compile(r"{%\s*load\s+([^%]*?)\s*%}")


def test_no_template_of_the_portal_loads_djangos_i18n():
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in root.glob("**/templates/**/*.html")
        if not {".venv", "node_modules"} & set(path.relative_to(root).parts)
    ]
    assert len(templates) > 50
    loading = [
        str(path.relative_to(root))
        for path in templates
        for libraries in LOAD.findall(path.read_text(encoding="utf-8"))
        if "i18n" in libraries.split()
    ]
    assert loading == []


def test_one_template_follows_the_active_language():
    template = PORTAL.from_string('{% load i18n %}{% translate "Dossiers" %}')
    printed = []
    for language in ("vi", "en", "vi"):
        with translation.override(language):
            printed.append(template.render(Context()))
    assert printed == ["Hồ sơ đề nghị", "Dossiers", "Hồ sơ đề nghị"]


def test_kept_translations_are_forgotten_when_the_catalogue_settings_change(settings):
    from documents.templatetags import portal_i18n

    with translation.override("vi"):
        PORTAL.from_string('{% load i18n %}{% translate "Dossiers" %}').render(Context())
    assert ("vi", "Dossiers") in portal_i18n._printed
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    assert ("vi", "Dossiers") not in portal_i18n._printed
