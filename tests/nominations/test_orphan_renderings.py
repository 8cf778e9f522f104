"""Kept renderings' files that no rendering names are cleared once old enough."""

import datetime
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from nominations.choices import PdfRenderStatus
from nominations.models import DossierPdf
from nominations.renderings import orphans_clear

pytestmark = pytest.mark.django_db


def _file(root, path, *, hours_old):
    full = root / path
    full.parent.mkdir(parents=True, exist_ok=True)
    full.write_bytes(b"%PDF-1.4 x")
    then = time.time() - hours_old * 3600
    os.utime(full, (then, then))
    return full


def test_only_old_files_no_rendering_names_go(settings, tmp_path, make_dossier, tree):
    settings.MEDIA_ROOT = tmp_path
    dossier = make_dossier(tree.cao_lau)
    kept = DossierPdf.objects.create(
        dossier=dossier,
        status=PdfRenderStatus.READY,
        file=ContentFile(b"%PDF-1.4 x", name="kept.pdf"),
    )
    named = tmp_path / kept.file.name
    then = time.time() - 48 * 3600
    os.utime(named, (then, then))
    orphan = _file(tmp_path, f"dossier-pdfs/{dossier.pk}/killed-worker.pdf", hours_old=30)
    young = _file(tmp_path, f"dossier-pdfs/{dossier.pk}/being-recorded.pdf", hours_old=0)
    other_kind = _file(tmp_path, "decision-previews/7/left.pdf", hours_old=30)
    minutes = _file(tmp_path, "minutes-pdfs/3/left.pdf", hours_old=30)

    assert orphans_clear(older_than=datetime.timedelta(hours=24)) == 3
    assert [p.exists() for p in (named, young)] == [True, True]
    assert [p.exists() for p in (orphan, other_kind, minutes)] == [False, False, False]
    out = io.StringIO()
    call_command("clear_orphan_renderings", stdout=out)
    assert out.getvalue().strip() == "removed=0"


def test_nothing_kept_yet_is_nothing_to_clear(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert orphans_clear(older_than=datetime.timedelta(hours=1)) == 0
