from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from organisation.models import (
    ROLLER_PER_KOMMUN,
    ROLLER_PER_UTFORARE,
    Anvandare,
    Behorighet,
    Kommun,
    Roll,
    Sakerhetshandelse,
    Utforare,
)


class Command(BaseCommand):
    help = (
        "Ger en användare en roll, t.ex. den första systemadministratören efter "
        "createsuperuser: ge_behorighet NAMN systemadministrator"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("anvandarnamn")
        parser.add_argument("roll", choices=Roll.values)
        parser.add_argument("--utforare", help="utförarens namn (för personal och enhetschef)")
        parser.add_argument(
            "--kommun", help="kommunens namn (för verksamhetschef och nämndsekreterare)"
        )

    def handle(
        self,
        *args: Any,
        anvandarnamn: str,
        roll: str,
        utforare: str | None,
        kommun: str | None,
        **options: Any,
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
            raise CommandError(f"Rollen {roll} gäller inte vid en utförare.")
        plats = None
        if roll in ROLLER_PER_KOMMUN:
            if not kommun:
                raise CommandError(f"Rollen {roll} gäller i en kommun: ange --kommun.")
            plats = Kommun.objects.filter(namn=kommun).first()
            if plats is None:
                raise CommandError(f"Det finns ingen kommun {kommun!r} (se ny_kommun).")
        elif kommun:
            raise CommandError(f"Rollen {roll} gäller inte i en viss kommun.")
        try:
            behorighet, ny = Behorighet.objects.get_or_create(
                anvandare=anvandare, roll=roll, utforare=enhet, kommun=plats
            )
        except IntegrityError as e:
            raise CommandError(str(e)) from e
        if ny:  # as a role given in /system/ (organisation.admin), by no signed-in user
            Sakerhetshandelse.objects.create(
                typ=Sakerhetshandelse.Typ.BEHORIGHET_ANDRAD,
                anvandare=anvandare,
                beskrivning=f"Fick: {behorighet} (manage.py ge_behorighet)",
            )
        self.stdout.write(self.style.SUCCESS(f"{anvandare} är nu {Roll(roll).label.lower()}."))
