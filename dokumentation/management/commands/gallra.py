from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from dokumentation.services import gallra


class Command(BaseCommand):
    help = (
        "Gallrar identifierade uppgifter vars bevarandetid har gått ut (standard fem år efter "
        "sista anteckningen). Kör minst en gång per år, så är gallringen klar under året efter. "
        "Avidentifierad statistik och signerade uppföljningar påverkas inte."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="visa bara vad som gallras")
        parser.add_argument(
            "--ar",
            type=int,
            default=settings.GALLRING_AR,
            help="bevarandetid i år (standard GALLRING_AR)",
        )

    def handle(self, *args: Any, dry_run: bool, ar: int, **options: Any) -> None:
        resultat = gallra(idag=timezone.localdate(), ar=ar, torrkorning=dry_run)
        verb = "Skulle gallra" if dry_run else "Gallrade"
        self.stdout.write(
            f"{verb} {resultat.personer} personer ({resultat.deltaganden} deltaganden, "
            f"{resultat.journalanteckningar} journalanteckningar) med sista anteckning före "
            f"{resultat.grans:%Y-%m-%d}."
        )
