"""Remind holding units of dossiers due soon or overdue: mail and a notice on the home page.

Run once a day (cron or a scheduler); running it again the same day sends nothing more.
"""

import datetime

from django.core.management.base import BaseCommand

from nominations.deadlines import reminders_send


class Command(BaseCommand):
    help = "Email and notify the units holding dossiers due within N working days or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="Working days ahead (default 3).")
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, default=None, help="Run as of YYYY-MM-DD."
        )

    def handle(self, *args, days, date, **options):
        report = reminders_send(days=days, today=date)
        self.stdout.write(
            f"reminded={report.reminded} mails={report.mails} notices={report.notices} "
            f"already_sent={report.skipped}"
        )
