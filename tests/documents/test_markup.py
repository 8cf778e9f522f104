import pytest
from django.urls import reverse

from documents.markup import text, url_for_each


def test_text_escapes_like_django_and_keeps_safe_text():
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    for value in ['<a href="x">Tú & Lan\'s</a>', 12, None, "Lạng Sơn"]:
        assert text(value) == conditional_escape(value)
    assert text(mark_safe("<b>an toàn</b>")) == "<b>an toàn</b>"


@pytest.mark.parametrize(
    "name",
    ["nominations:dossier_detail", "campaign_detail", "public_campaign_detail"],
)
def test_url_for_each_answers_what_reverse_answers(name):
    url = url_for_each(name)
    for pk in (1, 7, 123456, 9081726354453627):
        assert url(pk) == reverse(name, args=[pk])


def test_url_for_each_falls_back_to_reverse_when_the_id_is_not_printed_as_is(monkeypatch):
    from documents import markup

    calls = []

    def hex_reverse(name, args):  # a converter that prints ids in hexadecimal
        calls.append(args[0])
        return f"/x/{args[0]:x}/"

    monkeypatch.setattr(markup, "reverse", hex_reverse)
    url = url_for_each("campaign_detail")
    assert url(255) == "/x/ff/"
    assert calls == [int(markup._ID_MARK), 255]  # no mark in the first answer: each reversed


def test_url_for_each_falls_back_when_the_mark_does_not_fit_the_pattern(monkeypatch):
    from django.urls import NoReverseMatch

    from documents import markup

    def short_ids(name, args):  # a pattern taking at most four digits
        if len(str(args[0])) > 4:
            raise NoReverseMatch(name)
        return f"/x/{args[0]}/"

    monkeypatch.setattr(markup, "reverse", short_ids)
    assert url_for_each("campaign_detail")(42) == "/x/42/"


def test_unbound_fields_print_what_the_unbound_form_prints():
    from django.utils import translation

    from documents import markup
    from nominations.forms import AttachmentForm

    for language in ("vi", "en", "vi"):
        with translation.override(language):
            form = AttachmentForm()
            fields = markup.unbound_fields(AttachmentForm)
            assert fields == {"kind": str(form["kind"]), "file": str(form["file"])}
            assert (AttachmentForm, language) in markup._UNBOUND_FIELDS
    assert 'name="kind"' in fields["kind"]
    assert 'type="file"' in fields["file"]


@pytest.mark.parametrize(
    "value", [0, 7, 2026, 110104, 1234567, 12.5, 0.1, 100.0, -3, True, 0.0, -0.0, -2.5]
)
def test_number_prints_what_a_template_prints(value):
    from decimal import Decimal

    from django.template import Context, Template
    from django.utils import translation

    from documents.markup import number

    for language in ("vi", "en", "vi"):
        with translation.override(language):
            for v in (value, Decimal(str(value)) if type(value) is not bool else value):
                assert number(v) == Template("{{ v }}").render(Context({"v": v}))


def test_number_follows_the_format_settings(settings):
    from django.utils import translation

    from documents.markup import number

    settings.NUMBER_GROUPING = 3
    with translation.override("en"):
        assert number(1234567) == "1,234,567"
        settings.USE_THOUSAND_SEPARATOR = False
        assert number(1234567) == "1234567"


def test_number_keeps_minus_zero_apart():
    from django.utils import translation

    from documents.markup import number

    with translation.override("vi"):
        assert (number(0.0), number(-0.0), number(0.0)) == ("0,0", "-0,0", "0,0")


def test_unbound_fields_are_forgotten_with_the_catalogues_and_the_form_renderer(settings):
    from documents import markup
    from nominations.forms import AttachmentForm

    markup.unbound_fields(AttachmentForm)
    assert markup._UNBOUND_FIELDS
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    assert not markup._UNBOUND_FIELDS
    markup.unbound_fields(AttachmentForm)
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    assert not markup._UNBOUND_FIELDS
