"""`manage.py publicera`: publish every closed period whose grace period has passed. Run it
daily (cron or a systemd timer, README); periods already published are left as they are."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from uppfoljning import publicering


class Command(BaseCommand):
    help = "Publicerar statistiken för varje avslutad period vars karenstid har gått ut."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--idag",
            type=datetime.date.fromisoformat,
            default=None,
            help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD); bara för prov och test.",
        )

    def handle(self, *args: Any, idag: datetime.date | None, **options: Any) -> None:
        gjorda = publicering.publicera_allt(idag)
        for p in gjorda:
            g = p.granskning
            self.stdout.write(
                f"Publicerat {p.katalog}: {', '.join(p.perioder)} "
                f"({g['primart_dolda']} små tal, {g['sekundart_dolda']} dolda för att skydda dem)"
            )
        if not gjorda:
            self.stdout.write("Inget nytt att publicera.")
