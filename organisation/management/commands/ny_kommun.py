from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from organisation.models import Kommun


class Command(BaseCommand):
    help = (
        "Lägger till en kommun i installationen: ny_kommun NAMN [--kod 1234]. Ge sedan dess "
        "nämndsekreterare rollen (ge_behorighet NAMN namndsekreterare --kommun NAMN), så kan "
        "den importera eller bygga kommunens katalog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("namn", help="kommunens namn utan ”kommun”, t.ex. Sala")
        parser.add_argument("--kod", help="SCB:s fyrsiffriga kommunkod")
        parser.add_argument("--tillganglighet-kontakt", default="", dest="kontakt")

    def handle(self, *args: Any, namn: str, kod: str | None, kontakt: str, **options: Any) -> None:
        namn = namn.strip()
        if not namn or len(namn) > 100:
            raise CommandError("Ange kommunens namn (högst 100 tecken).")
        if kod is not None and not (len(kod) == 4 and kod.isascii() and kod.isdigit()):
            raise CommandError("Kommunkoden är fyra siffror, t.ex. 1882.")
        try:
            with transaction.atomic():
                kommun, skapad = Kommun.objects.get_or_create(
                    namn=namn, defaults={"kod": kod, "tillganglighet_kontakt": kontakt}
                )
        except IntegrityError as e:
            raise CommandError(f"Kommunen kunde inte läggas till: {e}") from e
        if not skapad:
            raise CommandError(f"{kommun} finns redan.")
        self.stdout.write(self.style.SUCCESS(f"{kommun} är tillagd (adress: {kommun.slug})."))
