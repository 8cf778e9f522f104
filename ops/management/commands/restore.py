"""`manage.py restore --input DIR`: load a backup into an empty database and media folder."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the (empty) database and MEDIA_ROOT, then check "
        "every count and file against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database that has tables and media files that exist.",
        )

    def handle(self, *args, input, force, **options):
        try:
            report = restore(input, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report["count_errors"] or report["file_errors"]:
            for label, found in report["count_errors"].items():
                self.stderr.write(f"{label}: expected {found['expected']}, found {found['found']}")
            for line in report["file_errors"]:
                self.stderr.write(line)
            raise CommandError("The restored data does not match the backup's manifest.")
        rows = sum(report["counts"].values())
        self.stdout.write(
            f"Restored {report['format']} backup: {rows} rows and {report['files']} media files, "
            "all matching the manifest."
        )
