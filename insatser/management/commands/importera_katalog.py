from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import KATALOGFIL_HOGST, OgiltigKatalogfil, for_stor_katalogfil


class Command(BaseCommand):
    help = "Importerar en hel katalog i utbytesformatet, version 1 eller 2 (som filen anger)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fil", type=Path, help="JSON-fil med katalogen")

    def handle(self, *args: Any, fil: Path, **options: Any) -> None:
        try:
            if for_stor := for_stor_katalogfil(fil.stat().st_size):
                raise CommandError(f"Katalogen importerades inte: {for_stor} Inget har ändrats.")
            with fil.open("rb") as f:
                # At most one byte over: a file that grew since stat is refused by the import.
                innehall = f.read(KATALOGFIL_HOGST + 1)
        except OSError as e:
            raise CommandError(f"Kan inte läsa {fil}: {e.strerror}") from e
        try:
            resultat = importera_katalog(innehall, anvandare=None)
        except OgiltigKatalogfil as e:
            for rad in e.rader:
                self.stderr.write(rad)
            raise CommandError(
                f"Katalogen importerades inte: {len(e.fel)} fel. Inget har ändrats."
            ) from e
        for varning in resultat.varningar:
            self.stderr.write(self.style.WARNING(f"Varning: {varning}"))
        if resultat.oforandrad:
            self.stdout.write(f"{resultat.katalog}: inga ändringar.")
            return
        for rubrik, namn in [
            ("Nya", resultat.nya),
            ("Ändrade", resultat.andrade),
            ("Gäller igen genom filens beslut", resultat.beslutade_igen),
            ("Upphörda", resultat.upphorda),
            ("Borttagna utkast", resultat.borttagna),
            ("Nya utförare", resultat.nya_utforare),
        ]:
            if namn:
                self.stdout.write(f"{rubrik} ({len(namn)}): " + ", ".join(namn))
        if resultat.beslut_okant:
            self.stdout.write(
                "Filen saknar beslutsdatum: insatserna gäller från i dag under ett okänt beslut. "
                "För in nämndens beslut i registret."
            )
        self.stdout.write(self.style.SUCCESS(f"{resultat.katalog}: katalogen är importerad."))
