"""`manage.py backup --output DIR`: the database and MEDIA_ROOT, with a manifest (ops/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into a new folder, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="A new or empty folder.")
        parser.add_argument(
            "--format",
            choices=["native", "json"],
            default="native",
            help="native: pg_dump -Fc or the SQLite backup API (default); json: dumpdata with "
            "natural keys, to move between engines.",
        )

    def handle(self, *args, output, format, **options):
        try:
            manifest = backup(output, fmt=format)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up to {output}: {manifest['format']} database ({rows} rows), "
            f"{len(manifest['files'])} media files; manifest.json holds counts and SHA-256."
        )
