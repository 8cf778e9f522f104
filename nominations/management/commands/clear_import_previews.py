"""Delete Excel lists uploaded for an import whose preview was never confirmed.

Run once a day (cron or a scheduler), like send_reminders.
"""

import datetime

from django.core.management.base import BaseCommand

from nominations.importing import previews_clear


class Command(BaseCommand):
    help = "Delete uploads of entry imports left unconfirmed for more than N hours."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Age of an upload to delete (default 24)."
        )

    def handle(self, *args, hours, **options):
        removed = previews_clear(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"removed={removed}")
