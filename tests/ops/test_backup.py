"""Backup and restore: a populated database and its files come back whole in an empty one."""

import hashlib
import importlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from awards.models import Award
from campaigns.models import DocumentType
from decisions.models import Decision, DecisionAward
from nominations.choices import AttachmentKind
from nominations.models import Attachment

pytestmark = pytest.mark.django_db(transaction=True)

ATTACHMENT = b"%PDF-1.4\n% Bao cao thanh tich cua xa Cao Lau\n%%EOF\n"


@pytest.fixture(autouse=True)
def flushable(transactional_db):
    """Transactional tests end with a flush. It may have emptied the rows migrations create
    (another transactional test ran before), and on SQLite it deletes row by row, which the
    triggers guarding issued decisions refuse: lift them for the flush, then put them back."""
    for abbreviation, name in (("KH", "KẾ HOẠCH"), ("TTr", "TỜ TRÌNH"), ("QĐ", "QUYẾT ĐỊNH")):
        DocumentType.objects.get_or_create(abbreviation=abbreviation, defaults={"name": name})
    yield
    if connection.vendor == "sqlite":
        guard = importlib.import_module("decisions.migrations.0002_issued_decisions_immutable")
        with connection.cursor() as cursor:
            for sql in guard.SQLITE_REVERSE:
                cursor.execute(sql)
            cursor.execute(f"DELETE FROM {DecisionAward._meta.db_table}")
            cursor.execute(f"DELETE FROM {Decision._meta.db_table}")
            for sql in guard.SQLITE:
                cursor.execute(sql)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def populated(issued):
    """An issued decision with its stored PDF, its awards, and an attachment of its dossier."""
    decision = Decision.objects.get(pk=issued.pk)
    assert decision.pdf, "signing a small decision stores its PDF"
    entry = decision.decision_awards.first().entry
    attachment = Attachment.objects.create(
        dossier=entry.dossier,
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
        file=ContentFile(ATTACHMENT, name="report.pdf"),
        original_name="Báo cáo thành tích.pdf",
        extension="pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT),
    )
    return {
        "awards": sorted(Award.objects.values_list("recipient_name", flat=True)),
        "pdf_name": decision.pdf.name,
        "pdf_sha256": sha256(decision.pdf.read()),
        "attachment_name": attachment.file.name,
    }


def _empty_database(tmp_path):
    """A new, empty database of the same engine: its URL and a function that runs SQL in it."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def query(sql):
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{path}", query, lambda: None
    import psycopg

    name = f"{s['NAME']}_restored"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    server = f"postgresql://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    def query(sql):
        with psycopg.connect(f"{server}/{name}") as db:
            return db.execute(sql).fetchall()

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{server}/{name}", query, drop


def _restore_elsewhere(backup_dir, database_url, media_root):
    """`manage.py restore` in its own process, as an operator would run it on a new server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_SECRET_KEY="restore-test-" + "k" * 50,
        DJANGO_DEBUG="0",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return subprocess.run(
        [sys.executable, "manage.py", "restore", "--input", str(backup_dir)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_restore_into_an_empty_database_finds_every_award_pdf_and_attachment(populated, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir), stdout=io.StringIO())
    assert {p.name for p in backup_dir.iterdir()} >= {"manifest.json", "media.tar"}

    database_url, query, drop = _empty_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    try:
        done = _restore_elsewhere(backup_dir, database_url, restored_media)
        assert done.returncode == 0, done.stderr
        assert "all matching the manifest" in done.stdout

        names = sorted(r[0] for r in query(f"SELECT recipient_name FROM {Award._meta.db_table}"))
        assert names == populated["awards"]
        assert len(names) == 5
        (pdf_name, pdf_sha), *_ = query(f"SELECT pdf, pdf_sha256 FROM {Decision._meta.db_table}")
        assert pdf_name == populated["pdf_name"]
        assert pdf_sha == populated["pdf_sha256"]
        restored_pdf = (restored_media / pdf_name).read_bytes()
        assert sha256(restored_pdf) == populated["pdf_sha256"]
        assert restored_pdf.startswith(b"%PDF")
        ((attachment_name,),) = query(f"SELECT file FROM {Attachment._meta.db_table}")
        assert attachment_name == populated["attachment_name"]
        assert (restored_media / attachment_name).read_bytes() == ATTACHMENT
    finally:
        drop()


def test_restore_refuses_a_database_that_has_tables(populated, tmp_path):
    call_command("backup", output=str(tmp_path / "b"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", input=str(tmp_path / "b"))


def test_restore_refuses_a_backup_whose_files_were_changed(populated, tmp_path):
    call_command("backup", output=str(tmp_path / "b"), stdout=io.StringIO())
    with open(tmp_path / "b" / "media.tar", "ab") as f:
        f.write(b"tampered")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", input=str(tmp_path / "b"))


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=str(tmp_path))


def test_manifest_holds_counts_and_the_sha256_of_every_media_file(populated, tmp_path):
    import json

    call_command("backup", output=str(tmp_path / "b"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["counts"]["awards.Award"] == 5
    assert manifest["format"] == ("sqlite" if connection.vendor == "sqlite" else "pg_dump")
    by_path = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert by_path[populated["attachment_name"]] == sha256(ATTACHMENT)
    assert by_path[populated["pdf_name"]] == populated["pdf_sha256"]
    assert Path(settings.MEDIA_ROOT, populated["pdf_name"]).exists()


def test_a_json_backup_without_stored_entry_counts_restores_them(populated, tmp_path):
    """A JSON dump taken before Dossier.entry_count existed: the restore migrates first (the
    column comes with 0), loads the rows, then counts each dossier's entries."""
    import json

    from nominations.models import Dossier

    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir), format="json", stdout=io.StringIO())
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    dump = backup_dir / manifest["database_file"]
    rows = json.loads(dump.read_text())
    for row in rows:
        if row["model"] == "nominations.dossier":
            del row["fields"]["entry_count"]
    dump.write_text(json.dumps(rows))
    manifest["database_sha256"] = sha256(dump.read_bytes())
    (backup_dir / "manifest.json").write_text(json.dumps(manifest))
    expected = {d.pk: d.entries.count() for d in Dossier.objects.all()}
    assert any(expected.values())

    database_url, query, drop = _empty_database(tmp_path)
    try:
        done = _restore_elsewhere(backup_dir, database_url, tmp_path / "restored-media")
        assert done.returncode == 0, done.stderr
        table = Dossier._meta.db_table
        assert dict(query(f"SELECT id, entry_count FROM {table}")) == expected
    finally:
        drop()
