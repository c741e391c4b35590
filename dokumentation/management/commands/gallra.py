from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from dokumentation.gallring.services import gallra
from organisation.databasroller import som_agare


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
        if ar < settings.GALLRING_AR_MINST:
            raise CommandError(
                f"Bevarandetiden kan inte vara kortare än {settings.GALLRING_AR_MINST} år "
                "(GALLRING_AR_MINST)."
            )
        # Only the owner role may delete signed notes and people (organisation.databasroller).
        try:
            with som_agare():
                resultat = gallra(
                    idag=timezone.localdate(),
                    ar=ar,
                    torrkorning=dry_run,
                    spara_fodda_dag=settings.GALLRING_SPARA_FODDA_DAG,
                    logg_ar=settings.ATKOMSTLOGG_AR,
                )
        except DatabaseError as e:
            raise CommandError(
                "Gallringen kräver databasens ägarroll, som ensam får ta bort signerade "
                f"anteckningar och personer: sätt DATABASE_OWNER_URL. ({e})"
            ) from e
        verb = "Skulle gallra" if dry_run else "Gallrade"
        sparade = (
            f" {resultat.sparade} personer sparas enligt arkivbeslut (födda dag "
            f"{', '.join(map(str, settings.GALLRING_SPARA_FODDA_DAG))})."
            if resultat.sparade
            else ""
        )
        self.stdout.write(
            f"{verb} {resultat.personer} personer ({resultat.deltaganden} deltaganden, "
            f"{resultat.journalanteckningar} journalanteckningar, {resultat.fritexter} "
            f"fritexter) med sista anteckning före {resultat.grans:%Y-%m-%d}.{sparade} "
            f"{resultat.loggrader} rader i åtkomstloggen var äldre än {settings.ATKOMSTLOGG_AR} år."
        )
