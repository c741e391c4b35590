"""`manage.py publicera`: publish every closed period whose grace period has passed. Run it
daily (cron or a systemd timer, README); periods already published are left as they are. It
runs as the database's owner role: the application role may read publications, never write
one (organisation.databasroller)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from grund.tid import idag_argument
from organisation.databasroller import som_agare
from uppfoljning import publicering

INGEN_RATT = "42501"  # PostgreSQL's insufficient_privilege


class Command(BaseCommand):
    help = "Publicerar statistiken för varje avslutad period vars karenstid har gått ut."

    def add_arguments(self, parser: CommandParser) -> None:
        idag_argument(parser)

    def handle(self, *args: Any, idag: datetime.date | None, **options: Any) -> None:
        misslyckade: list[str] = []
        try:
            with som_agare():
                gjorda = publicering.publicera_allt(idag)
        except publicering.Misslyckades as e:
            gjorda = e.gjorda
            misslyckade = [f"{k}: {fel}" for k, fel in e.fel]
        except DatabaseError as e:
            if getattr(e.__cause__, "sqlstate", None) != INGEN_RATT:
                raise
            raise CommandError(
                "Publiceringen kräver databasens ägarroll, som ensam får skriva publicerad "
                f"statistik: sätt DATABASE_OWNER_URL. ({e})"
            ) from e
        for p in gjorda:
            g = p.granskning
            self.stdout.write(
                f"Publicerat {p.katalog}: {', '.join(p.perioder)} "
                f"({g['primart_dolda']} små tal, {g['sekundart_dolda']} dolda för att skydda dem)"
            )
        if misslyckade:
            # A non-zero exit, so that cron or the timer reports it; the rest is published.
            raise CommandError(
                "Kunde inte publicera (felet finns i loggen; inget publicerades för dem): "
                + "; ".join(misslyckade)
            )
        if not gjorda:
            self.stdout.write("Inget nytt att publicera.")
