"""Backup and restore of the database and of MEDIA_ROOT, with a manifest to check both.

A backup is a folder:
- `database.dump` (PostgreSQL, `pg_dump -Fc`), `database.sqlite3` (SQLite, the online backup
  API) or `database.json` (`--format json`: dumpdata with natural keys, the portable fallback
  for moving between engines);
- `media.tar`: every file under MEDIA_ROOT (decision PDFs, dossier attachments…);
- `manifest.json`: when, which engine and format, the row count of every model, and the size
  and SHA-256 of the database file, of the tar and of every media file.

The native formats are the default: they are exact (sequences, constraints, every table,
including sessions and the login throttle) and fast, and `pg_restore` can restore in parallel.
The JSON format goes through the models and is slower, but it loads into any engine.
Restoring checks every checksum before it touches anything, refuses a database that already
has tables or a media folder that already has files, and afterwards compares every count and
every file with the manifest.
"""

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
DB_FILES = {"pg_dump": "database.dump", "sqlite": "database.sqlite3", "json": "database.json"}
# Left out of the JSON format: rebuilt by migrate, and their ids differ between databases.
JSON_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_counts(using=None) -> dict[str, int]:
    """Rows of every concrete model, by `app_label.ModelName`."""
    counts = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label] = model._default_manager.using(using).count()
    return counts


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Unsupported database engine: {vendor}")
    return vendor


def _pg_env() -> dict:
    s = connection.settings_dict
    env = os.environ.copy()
    env.update(
        PGHOST=str(s.get("HOST") or "localhost"),
        PGPORT=str(s.get("PORT") or 5432),
        PGUSER=str(s.get("USER") or ""),
        PGDATABASE=str(s["NAME"]),
    )
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(output: Path, *, fmt: str = "native") -> dict:
    """Write the database and MEDIA_ROOT to the empty or new folder `output`; return the manifest.

    Side effects: none on the database (pg_dump takes a consistent snapshot; the SQLite backup
    API copies pages under a read lock).
    """
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty.")
    output.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    if fmt == "json":
        kind = "json"
        db_file = output / DB_FILES[kind]
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *[f"--exclude={label}" for label in JSON_EXCLUDE],
            "--indent=0",
            f"--output={db_file}",
            verbosity=0,
        )
    elif engine == "postgresql":
        kind = "pg_dump"
        db_file = output / DB_FILES[kind]
        _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(db_file)], _pg_env())
    else:
        kind = "sqlite"
        db_file = output / DB_FILES[kind]
        connection.ensure_connection()
        target = sqlite3.connect(db_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    media_root = Path(settings.MEDIA_ROOT)
    files = []
    with tarfile.open(output / MEDIA_TAR, "w") as tar:
        for path in _media_files(media_root):
            name = path.relative_to(media_root).as_posix()
            tar.add(path, arcname=name, recursive=False)
            files.append({"path": name, "size": path.stat().st_size, "sha256": sha256_of(path)})
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "format": kind,
        "database_file": db_file.name,
        "database_sha256": sha256_of(db_file),
        "media_tar_sha256": sha256_of(output / MEDIA_TAR),
        "counts": model_counts(),
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def read_manifest(folder: Path) -> dict:
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in {folder}: {exc}") from exc
    for name, key in [
        (manifest["database_file"], "database_sha256"),
        (MEDIA_TAR, "media_tar_sha256"),
    ]:
        if not (folder / name).exists():
            raise BackupError(f"{name} is missing from {folder}.")
        if sha256_of(folder / name) != manifest[key]:
            raise BackupError(f"{name} does not match its SHA-256 in the manifest.")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(folder: Path, *, force: bool = False) -> dict:
    """Load a backup into the (empty) default database and the (empty) MEDIA_ROOT.

    Preconditions: the manifest's checksums hold; the database has no tables and MEDIA_ROOT
    no files, unless `force` (then the database is overwritten and files are replaced).
    Returns a report: the counts that differ from the manifest and the files that are missing
    or changed (both empty when the restore is faithful).
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if not _database_is_empty():
            raise BackupError("The database is not empty (use --force to overwrite it).")
        if _media_files(media_root):
            raise BackupError(f"{media_root} already has files (use --force to overwrite).")
    engine = _engine()
    kind = manifest["format"]
    db_file = folder / manifest["database_file"]
    if kind == "pg_dump":
        if engine != "postgresql":
            raise BackupError("A pg_dump backup restores into PostgreSQL only (or use JSON).")
        connection.close()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, "-d", _pg_env()["PGDATABASE"], str(db_file)], _pg_env())
    elif kind == "sqlite":
        if engine != "sqlite":
            raise BackupError("A SQLite backup restores into SQLite only (or use JSON).")
        connection.ensure_connection()
        source = sqlite3.connect(db_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(db_file), verbosity=0)
        # Stored counts the dump may lack (one taken before they were stored loads as 0):
        # counted again from the rows loaded.
        from nominations.models import recount_entries

        recount_entries()
    connection.close()

    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_TAR) as tar:
        tar.extractall(media_root, filter="data")
    counts = model_counts()
    compared = {k: v for k, v in manifest["counts"].items() if kind != "json" or _in_json(k)}
    count_errors = {
        label: {"expected": expected, "found": counts.get(label)}
        for label, expected in compared.items()
        if counts.get(label) != expected
    }
    file_errors = []
    for entry in manifest["files"]:
        path = media_root / entry["path"]
        if not path.is_file():
            file_errors.append(f"missing: {entry['path']}")
        elif sha256_of(path) != entry["sha256"]:
            file_errors.append(f"changed: {entry['path']}")
    return {
        "format": kind,
        "counts": counts,
        "count_errors": count_errors,
        "files": len(manifest["files"]),
        "file_errors": file_errors,
    }


def _in_json(label: str) -> bool:
    """Whether the JSON format holds this model (JSON_EXCLUDE names apps and models)."""
    return label.split(".")[0] not in JSON_EXCLUDE and label.lower() not in JSON_EXCLUDE
