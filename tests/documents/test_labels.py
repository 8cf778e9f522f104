"""ChoiceLabels answers what Django's get_FOO_display() answers, translated when printed; the
`clip` filter cuts text as truncatechars does."""

import unicodedata

import pytest
from django.db.models import Model
from django.template import Context, Template
from django.template.defaultfilters import truncatechars
from django.utils import translation

from campaigns.models import Unit
from documents.labels import ChoiceLabels
from documents.templatetags.vn import clip
from nominations.choices import DossierStatus
from nominations.models import Dossier


@pytest.mark.parametrize("status", list(DossierStatus))
def test_the_label_of_every_status_is_djangos(status):
    dossier = Dossier(status=status)
    field = Dossier._meta.get_field("status")
    with translation.override("vi"):
        assert dossier.get_status_display() == Model._get_FIELD_display(dossier, field)


def test_the_label_follows_the_active_language_and_an_unknown_value_prints_as_stored():
    dossier = Dossier(status=DossierStatus.DRAFT)
    with translation.override("vi"):
        vi = dossier.get_status_display()
    with translation.override("en"):
        en = dossier.get_status_display()
    assert (vi, en) == ("Dự thảo", "Draft")
    assert Dossier(status="gone").get_status_display() == "gone"


def test_other_models_keep_their_labels():
    unit = Unit(kind="commune")
    with translation.override("vi"):
        assert unit.get_kind_display() == Model._get_FIELD_display(
            unit, Unit._meta.get_field("kind")
        )


TEXTS = [
    "Tờ trình đề nghị khen thưởng tập thể và cá nhân có thành tích xuất sắc trong phong trào",
    "ngắn",
    "x" * 90,
    "x" * 91,
    "Đ" * 95,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("length", [1, 5, 70, 90])
def test_clip_cuts_as_truncatechars(text, length):
    assert clip(text, length) == str(truncatechars(text, length))


def test_clip_counts_letters_not_combining_marks_and_prints_nothing_for_none():
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn")
    assert clip(decomposed, 8) == "Lạng Sơn"
    assert clip(decomposed, 5) == "Lạng…"
    assert clip(None, 5) == ""


def test_clip_output_is_escaped_in_templates():
    html = Template("{% load vn %}{{ text|clip:6 }}").render(Context({"text": "<b>đậm</b>"}))
    assert html == "&lt;b&gt;đậ…"


def test_choices_given_by_a_callable_are_read_again():
    from django.db import models

    offered = [("a", "Một")]

    class Menu(ChoiceLabels, models.Model):
        pick = models.CharField(max_length=5, choices=lambda: list(offered))

        class Meta:
            app_label = "documents"

        def __str__(self):
            return self.pick

    assert Menu(pick="a").get_pick_display() == "Một"
    offered[:] = [("a", "Một nữa")]
    assert Menu(pick="a").get_pick_display() == "Một nữa"


def test_kept_labels_are_forgotten_when_the_catalogue_settings_change(settings):
    field = Dossier._meta.get_field("status")
    with translation.override("vi"):
        Dossier(status=DossierStatus.DRAFT).get_status_display()
    assert "vi" in field.__dict__["_choice_labels"]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    assert "_choice_labels" not in field.__dict__
    with translation.override("vi"):
        assert Dossier(status=DossierStatus.DRAFT).get_status_display() == "Dự thảo"
