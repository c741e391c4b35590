"""`manage.py aterkalla_exporttoken --kommun X --konsument "Power BI"`: revoke the valid key
of that consumer (or `--alla` of every consumer) in the municipality."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from uppfoljning.exportnycklar import aterkalla_nyckel
from uppfoljning.management.commands.skapa_exporttoken import hitta_kommun
from uppfoljning.models import Exportnyckel


class Command(BaseCommand):
    help = "Återkallar en mottagares nyckel för den öppna exporten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", required=True, help="kommunens namn, slug eller kod")
        grupp = parser.add_mutually_exclusive_group(required=True)
        grupp.add_argument("--konsument", help="mottagaren, t.ex. Power BI")
        grupp.add_argument("--alla", action="store_true", help="alla kommunens nycklar")

    def handle(
        self, *args: Any, kommun: str, konsument: str | None, alla: bool, **options: Any
    ) -> None:
        k = hitta_kommun(kommun)
        nycklar = Exportnyckel.objects.giltiga().select_related("kommun").filter(kommun=k)
        if not alla:
            nycklar = nycklar.filter(konsument=(konsument or "").strip())
        antal = sum(aterkalla_nyckel(n) for n in nycklar)
        if not antal and not alla:
            raise CommandError(f"{k.namn} har ingen giltig nyckel för {konsument!r}.")
        self.stdout.write(f"Återkallade {antal} nyckel/nycklar för {k.namn}.")
