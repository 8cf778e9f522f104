"""Uploads of entry imports never confirmed are deleted by `clear_import_previews`."""

import datetime
import io
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from nominations.importing import PREVIEW_DIR, previews_clear


def _age(path: str, hours: float) -> None:
    when = (timezone.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(default_storage.path(path), (when, when))


def test_old_unconfirmed_uploads_are_deleted_recent_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save(f"{PREVIEW_DIR}/old.xlsx", ContentFile(b"x"))
    recent = default_storage.save(f"{PREVIEW_DIR}/recent.xlsx", ContentFile(b"y"))
    other = default_storage.save("decisions/keep.pdf", ContentFile(b"%PDF"))
    _age(old, 30)
    _age(recent, 2)
    assert previews_clear(older_than=datetime.timedelta(hours=24)) == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(recent)
    assert default_storage.exists(other)  # only the previews' folder is swept

    out = io.StringIO()
    call_command("clear_import_previews", hours=1, stdout=out)
    assert out.getvalue().strip() == "removed=1"
    assert not default_storage.exists(recent)


def test_nothing_to_clear_without_the_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "empty"
    assert previews_clear(older_than=datetime.timedelta(hours=24)) == 0
