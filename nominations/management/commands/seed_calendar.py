"""Create the missing holidays (2025, 2026) and default time limits; edits are kept."""

from django.core.management.base import BaseCommand

from nominations.deadlines import seed_calendar


class Command(BaseCommand):
    help = "Seed the holiday list and the default time limits per stage (idempotent)."

    def handle(self, *args, **options):
        holidays, limits = seed_calendar()
        self.stdout.write(f"holidays={holidays} limits={limits}")
