"""Delete kept PDF renderings' files that no rendering names (a worker killed between
writing its file and recording it). Run once a day, like clear_import_previews."""

import datetime

from django.core.management.base import BaseCommand

from nominations.renderings import orphans_clear


class Command(BaseCommand):
    help = "Delete files of rendered PDFs that no rendering names, older than N hours."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Age of a file to delete (default 24)."
        )

    def handle(self, *args, hours, **options):
        removed = orphans_clear(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"removed={removed}")
