"""Loads the demo municipality Sjöbacka: utförare, its catalogue, group rounds and one user
per role.

The catalogue goes in through the same import and services as a real one. Running it again
changes nothing. Refuses to run outside DEBUG: demo users have known passwords.
"""

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.demo import skapa_demoregistreringar, skriv_demologg
from dokumentation.tillfallen.models import Omgang
from insatser import andringar, services
from insatser.katalogfil import importera_katalog
from insatser.models import Insats, Katalog
from organisation.models import Anvandare, Behorighet, Kommun, Roll, Utforare

DEMOFIL = Path(__file__).resolve().parents[3] / "insatser" / "demo" / "sjobacka.json"
LOSENORD = "demo-iub-2026"

UTFORARE = [
    ("Familjecentralen Sjöbacka", Utforare.Regi.EGEN, "0123-45 60 10", "Storgatan 4"),
    ("Familjerätten Sjöbacka", Utforare.Regi.EGEN, "0123-45 60 20", "Rådhuset, Torget 1"),
    ("Relationsbyrån Norr AB", Utforare.Regi.EXTERN, "0123-77 10 00", "Kvarngatan 12"),
    ("Träffpunkt Hamnen", Utforare.Regi.EGEN, "0123-45 60 30", "Hamngatan 2"),
    ("Kvinnofridsmottagningen", Utforare.Regi.EGEN, "0123-45 60 40", ""),
    ("Beroendemottagningen", Utforare.Regi.EGEN, "0123-45 60 50", "Brunnsvägen 7"),
    ("Vuxenenheten", Utforare.Regi.EGEN, "0123-45 60 60", "Rådhuset, Torget 1"),
    ("Konsument- och skuldrådgivningen", Utforare.Regi.SAMVERKAN, "0123-45 60 70", "Torget 1"),
]

# What the interchange format has no place for: channels, duration and group sizes.
TILLAGG: dict[str, dict[str, Any]] = {
    "Föräldragrupp ABC": {"gruppstorlek_min": 4, "gruppstorlek_max": 12, "kanal_pa_plats": True},
    "Föräldrarådgivning": {
        "kanal_telefon": True,
        "kanal_digitalt": True,
        "kanal_pa_plats": True,
        "max_varaktighet_manader": 6,
    },
    "Samarbetssamtal för föräldrar": {"kanal_pa_plats": True, "kanal_digitalt": True},
    "Familjerådgivning": {
        "kanal_pa_plats": True,
        "kanal_digitalt": True,
        "max_varaktighet_manader": 6,
    },
    "Träffpunkt Hamnen": {"kanal_pa_plats": True},
    "Språkkafé": {"kanal_pa_plats": True},
    "Öppen förskola på familjecentralen": {"kanal_pa_plats": True},
    "Stödsamtal vid våld i nära relation": {"kanal_telefon": True, "kanal_pa_plats": True},
    "Anhörigstöd vid beroende": {
        "kanal_pa_plats": True,
        "kanal_digitalt": True,
        "gruppstorlek_min": 3,
        "gruppstorlek_max": 8,
    },
    "Rådgivning om alkohol och droger": {"kanal_telefon": True, "kanal_pa_plats": True},
    "Ungdomsmottagning för unga med skadligt bruk": {
        "kanal_pa_plats": True,
        "max_varaktighet_manader": 6,
    },
    "Skolsocialt stöd för föräldrar": {"kanal_pa_plats": True, "kanal_telefon": True},
    "Samtalsgrupp för barn med en förälder med psykisk ohälsa": {
        "gruppstorlek_min": 4,
        "gruppstorlek_max": 8,
        "kanal_pa_plats": True,
    },
    "Stöd till personer med neuropsykiatrisk diagnos": {
        "kanal_pa_plats": True,
        "max_varaktighet_manader": 6,
    },
    "Boendecoachning": {"kanal_pa_plats": True, "max_varaktighet_manader": 6},
    "Budget- och skuldrådgivning": {"kanal_telefon": True, "kanal_pa_plats": True},
}

#: The second municipality of the demo: Alingsås's real catalogue (docs/katalog/, version 2),
#: whose list carries no decision date: its insatser apply from the import under an unknown
#: decision, flagged until the secretary records the nämnd's. Beroendemottagningen, an
#: external utförare, serves both municipalities.
ALINGSAS = Path(__file__).resolve().parents[3] / "docs" / "katalog" / "alingsas.v2.json"
ALINGSAS_UTFORARE = {"Beroenderådgivning": "Beroendemottagningen"}

#: (user name, first name, last name, role, at which utförare, in which municipality)
DEMOKOMMUNER = ("Sjöbacka", "Alingsås")
ANVANDARE = [
    ("sekreterare", "Sara", "Sekreterare", Roll.NAMNDSEKRETERARE, None, "Sjöbacka"),
    ("personal", "Per", "Personal", Roll.UTFORARPERSONAL, "Familjecentralen Sjöbacka", None),
    ("personal2", "Pia", "Personal", Roll.UTFORARPERSONAL, "Beroendemottagningen", None),
    ("enhetschef", "Elin", "Enhetschef", Roll.ENHETSCHEF, "Familjecentralen Sjöbacka", None),
    # Vuxenenheten documents with identity (14 kap. 3 §): its staff and enhetschef give the demo
    # an access log to read and review.
    ("personal3", "Vilgot", "Personal", Roll.UTFORARPERSONAL, "Vuxenenheten", None),
    ("enhetschef2", "Vanja", "Enhetschef", Roll.ENHETSCHEF, "Vuxenenheten", None),
    # A colleague at Vuxenenheten: personal3's participant with a protected identity is
    # hidden from her (only the one who registered it and the enhetschef open it).
    ("personal4", "Vide", "Kollega", Roll.UTFORARPERSONAL, "Vuxenenheten", None),
    ("verksamhetschef", "Vera", "Verksamhetschef", Roll.VERKSAMHETSCHEF, None, "Sjöbacka"),
    ("admin", "Adam", "Administratör", Roll.SYSTEMADMINISTRATOR, None, None),
    ("sekreterare_a", "Alva", "Sekreterare", Roll.NAMNDSEKRETERARE, None, "Alingsås"),
    ("verksamhetschef_a", "Aron", "Verksamhetschef", Roll.VERKSAMHETSCHEF, None, "Alingsås"),
]

INFORMATIONSTEXT = (
    "Du kan alltid ansöka om stöd hos socialtjänsten och få dina behov bedömda, även om du tar "
    "del av en insats här eller inte uppfyller villkoren för den. Kontakta socialtjänstens "
    "mottagning på 0123-45 60 00, vardagar 8–16, eller besök Rådhuset, Torget 1."
)
OROSANMALAN_RUTIN = (
    "Ring mottagningen för barn och unga på 0123-45 60 10, vardagar 8–16, och gör anmälan "
    "muntligt; bekräfta den sedan skriftligt på blanketten på intranätet. Efter kontorstid: "
    "socialjouren, 0123-45 69 99. Vid akut fara: ring 112. Berätta för din chef att du har "
    "anmält."
)


def _inte_demons() -> str | None:
    """What in the database the demo did not make: a real installation's accounts (the demo
    would give one of them a demo role, or leave known passwords beside them) or
    municipalities. A run again over the demo's own finds nothing."""
    demons = {namn for namn, *_ in ANVANDARE}
    if Anvandare.objects.exclude(username__in=demons).exists():
        return "konton"
    for anvandare in Anvandare.objects.filter(username__in=demons):
        if not anvandare.check_password(LOSENORD):
            return f"kontot {anvandare.username} med ett eget lösenord"
    if Kommun.objects.exclude(namn__in=DEMOKOMMUNER).exists():
        return "kommuner"
    return None


def andra_kommunen() -> None:
    """Alingsås: its catalogue imported in version 2, which links or creates the utförare the
    guideline names. The list has no decision date, so the secretary (sekreterare_a) finds
    it in force under an unknown decision, flagged until she records the nämnd's."""
    if Katalog.objects.filter(kommun="Alingsås").exists():
        return
    importera_katalog(ALINGSAS.read_bytes(), anvandare=None)
    katalog = Katalog.objects.get(kommun="Alingsås")
    for namn, utforare in ALINGSAS_UTFORARE.items():
        katalog.insatser.filter(namn=namn).update(utforare=Utforare.objects.get(namn=utforare))


def skydda_en_identitet(personal: Anvandare, utforare: Utforare) -> None:
    """Once: the first person `personal` registered at `utforare` whose participation goes on
    has a protected identity, so the demo shows a colleague (personal4) what she does not see
    in the list as it opens."""
    if Person.objects.filter(utforare=utforare, skyddad_identitet=True).exists():
        return
    egna = Deltagande.objects.filter(
        utforare=utforare, kontakt__registrerad_av=personal, person__isnull=False
    ).order_by("pk")
    forsta = (
        egna.filter(status=Deltagande.Status.PAGAENDE).values_list("person_id", flat=True).first()
        or egna.values_list("person_id", flat=True).first()
    )
    if forsta is not None:
        Person.objects.filter(pk=forsta).update(skyddad_identitet=True)


class Command(BaseCommand):
    help = (
        "Lägger in demokommunerna Sjöbacka (med registreringar) och Alingsås (katalogen), och "
        "en användare per roll."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tyst", action="store_true", help="skriv inte ut inloggningarna")

    @transaction.atomic
    def handle(self, *args: Any, tyst: bool, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demodata läggs bara in när DEBUG är på: demoanvändarna har kända lösenord."
            )
        if fel := _inte_demons():
            raise CommandError(
                f"Databasen har {fel}, som inte är demons: demodata läggs bara in i en egen "
                "demodatabas (DEBUG=true mot en riktig installation?). Ingenting ändrades."
            )
        for namn, regi, telefon, adress in UTFORARE:
            Utforare.objects.get_or_create(
                namn=namn,
                defaults={
                    "regi": regi,
                    "telefon": telefon,
                    "besoksadress": adress,
                    "epost": f"kontakt@{namn.split()[0].lower()}.sjobacka.example",
                },
            )
        importera_katalog(DEMOFIL.read_bytes(), anvandare=None)
        katalog = Katalog.objects.get(kommun="Sjöbacka")
        if not katalog.informationstext or not katalog.orosanmalan_rutin:
            katalog.informationstext = katalog.informationstext or INFORMATIONSTEXT
            katalog.orosanmalan_rutin = katalog.orosanmalan_rutin or OROSANMALAN_RUTIN
            katalog.save()
        for insats in katalog.insatser.filter(namn__in=TILLAGG):
            if all(getattr(insats, f) == v for f, v in TILLAGG[insats.namn].items()):
                continue
            for f, v in TILLAGG[insats.namn].items():
                setattr(insats, f, v)
            andringar.andra_insats(
                insats=insats,
                villkor=list(insats.villkor.all()),
                anvandare=None,
                beslut=insats.beslut,
                version=insats.version,
            )
        if not katalog.insatser.filter(namn="Nätverksmöte för unga").exists():
            services.skapa_insats(
                insats=Insats(
                    katalog=katalog,
                    namn="Nätverksmöte för unga",
                    omrade="Barn och unga",
                    innehall="Möte med den unge, familjen och skolan för att hitta vägar framåt.",
                    dokumentationsregel="14:4",
                    dokumentation_motivering="Rådgivande insats.",
                    utforare=Utforare.objects.get(namn="Familjecentralen Sjöbacka"),
                ),
                villkor=[],
                anvandare=None,
            )
        for namn, benamning, dagar in [
            ("Föräldragrupp ABC", "Vårens grupp", 21),
            ("Föräldragrupp ABC", "Höstens grupp", 120),
        ]:
            insats = katalog.insatser.get(namn=namn)
            Omgang.objects.get_or_create(
                insats=insats,
                benamning=benamning,
                defaults={
                    "utforare": insats.utforare,
                    "antal_traffar": 4,
                    "min_deltagare": 4,
                    "max_deltagare": 12,
                    "startdatum": timezone.localdate() + datetime.timedelta(days=dagar),
                },
            )
        andra_kommunen()
        for anvnamn, fornamn, efternamn, roll, utforare, kommun in ANVANDARE:
            anvandare, skapad = Anvandare.objects.get_or_create(
                username=anvnamn, defaults={"first_name": fornamn, "last_name": efternamn}
            )
            if skapad:
                anvandare.set_password(LOSENORD)
                anvandare.save()
            Behorighet.objects.get_or_create(
                anvandare=anvandare,
                roll=roll,
                utforare=Utforare.objects.get(namn=utforare) if utforare else None,
                kommun=Kommun.objects.get(namn=kommun) if kommun else None,
            )
        vuxen = Utforare.objects.get(namn="Vuxenenheten")
        personal3 = Anvandare.objects.get(username="personal3")
        skapa_demoregistreringar(
            katalog, Anvandare.objects.get(username="personal"), {vuxen.pk: personal3}
        )
        skydda_en_identitet(personal3, vuxen)
        skriv_demologg(
            personal=personal3,
            chef=Anvandare.objects.get(username="enhetschef2"),
            utforare_id=vuxen.pk,
        )
        if not tyst:
            self.stdout.write(
                self.style.SUCCESS(
                    "\nDemokommunerna Sjöbacka och Alingsås är inlagda. Inloggningar "
                    f"(lösenord för alla: {LOSENORD}):"
                )
            )
            for anvnamn, _, _, roll, utforare, kommun in ANVANDARE:
                var = f" vid {utforare}" if utforare else f" i {kommun}" if kommun else ""
                self.stdout.write(f"  {anvnamn:<18} {roll.label}{var}")
            self.stdout.write("")
