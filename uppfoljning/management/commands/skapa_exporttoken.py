"""`manage.py skapa_exporttoken --kommun X --konsument "Power BI"`: a key for the open export
(docs/export.md), printed once; only its hash is stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from organisation.models import Kommun
from uppfoljning.exportnycklar import FinnsRedan, skapa_nyckel


def hitta_kommun(namn: str) -> Kommun:
    """By name, slug or SCB code."""
    kommun = Kommun.objects.filter(Q(namn=namn) | Q(slug=namn) | Q(kod=namn)).first()
    if kommun is None:
        raise CommandError(f"Det finns ingen kommun {namn!r}.")
    return kommun


class Command(BaseCommand):
    help = "Skapar en nyckel för den öppna exporten åt en mottagare och skriver ut den en gång."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", required=True, help="kommunens namn, slug eller kod")
        parser.add_argument("--konsument", required=True, help="mottagaren, t.ex. Power BI")

    def handle(self, *args: Any, kommun: str, konsument: str, **options: Any) -> None:
        if not konsument.strip() or len(konsument.strip()) > 100:
            raise CommandError("Ange mottagaren med 1–100 tecken.")
        k = hitta_kommun(kommun)
        try:
            post, nyckel = skapa_nyckel(kommun=k, konsument=konsument, skapad_av=None)
        except FinnsRedan as e:
            raise CommandError(
                f"{k.namn} har redan en giltig nyckel för {konsument.strip()!r}; "
                "återkalla den först (aterkalla_exporttoken)."
            ) from e
        self.stdout.write(
            f"Nyckel för {post.konsument} ({k.namn}), visas bara nu:\n{nyckel}\n"
            f"Adress: /api/publicerat/{k.slug}.csv eller .json, "
            "med rubriken 'Authorization: Bearer <nyckel>'."
        )
