from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from organisation.models import ROLLER_PER_UTFORARE, Anvandare, Behorighet, Roll, Utforare


class Command(BaseCommand):
    help = (
        "Ger en användare en roll, t.ex. den första systemadministratören efter "
        "createsuperuser: ge_behorighet NAMN systemadministrator"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("anvandarnamn")
        parser.add_argument("roll", choices=Roll.values)
        parser.add_argument("--utforare", help="utförarens namn (för personal och enhetschef)")

    def handle(
        self, *args: Any, anvandarnamn: str, roll: str, utforare: str | None, **options: Any
    ) -> None:
        try:
            anvandare = Anvandare.objects.get(username=anvandarnamn)
        except Anvandare.DoesNotExist as e:
            raise CommandError(f"Det finns ingen användare {anvandarnamn!r}.") from e
        enhet = None
        if roll in ROLLER_PER_UTFORARE:
            if not utforare:
                raise CommandError(f"Rollen {roll} gäller vid en utförare: ange --utforare.")
            enhet = Utforare.objects.filter(namn=utforare).first()
            if enhet is None:
                raise CommandError(f"Det finns ingen utförare {utforare!r}.")
        elif utforare:
            raise CommandError(f"Rollen {roll} gäller hela kommunen, inte en utförare.")
        try:
            Behorighet.objects.get_or_create(anvandare=anvandare, roll=roll, utforare=enhet)
        except IntegrityError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(f"{anvandare} är nu {Roll(roll).label.lower()}."))
