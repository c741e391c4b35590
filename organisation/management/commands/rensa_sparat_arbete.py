"""`manage.py rensa_sparat_arbete`: delete the forms kept after a timeout whose time has run out
(SPARAT_ARBETE_MINUTER). Each stash and restore also deletes them; this catches the ones
nobody came back for. Run it with the daily jobs, or more often."""

from typing import Any

from django.core.management.base import BaseCommand

from organisation.sparat_arbete import rensa_utgangna


class Command(BaseCommand):
    help = "Tar bort sparade formulär vars tid har gått ut."

    def handle(self, *args: Any, **options: Any) -> None:
        antal = rensa_utgangna()
        self.stdout.write(f"Tog bort {antal} sparade formulär.")
