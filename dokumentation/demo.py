"""Synthetic registrations for the demo municipality: two years of contacts, participation and
sessions, made through the same services as staff use, from a fixed seed."""

from __future__ import annotations

import contextlib
import datetime
import random
import uuid
from collections.abc import Iterator

from django.db import models
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import (
    Kontaktuppgifter,
    Personuppgifter,
    Startuppgifter,
    registrera_kontakt,
)
from dokumentation.logg.models import Atkomstlogg
from dokumentation.regler import sol_14_kap_3_identifieras
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import (
    andra_narvaro,
    avsluta_omgang,
    registrera_oppning,
    registrera_traff,
)
from dokumentation.val import Utfall
from insatser.models import Insats, Katalog, Villkor
from organisation.models import Anvandare


def personnummer_for(slump: random.Random, alder: int, dag: datetime.date) -> str:
    """A valid personnummer of someone who is `alder` on `dag`."""
    fodd = dag.replace(year=dag.year - alder - 1, day=min(dag.day, 28)) + datetime.timedelta(
        days=slump.randint(1, 364)
    )
    nio = f"{fodd:%y%m%d}{slump.randint(100, 999)}"
    summa = 0
    for i, siffra in enumerate(nio):
        produkt = int(siffra) * (2 if i % 2 == 0 else 1)
        summa += produkt // 10 + produkt % 10
    return f"{fodd.year // 100}{nio}{(10 - summa % 10) % 10}"


def _alder(slump: random.Random, villkor: list[Villkor], barnet: bool) -> int:
    for v in villkor:
        if v.typ == Villkor.Typ.ALDER and v.galler_barnet == barnet:
            return slump.randint(v.min_alder or 0, min(v.max_alder or 80, 80))
    return slump.randint(3, 15) if barnet else slump.randint(20, 75)


def skapa_demoregistreringar(
    katalog: Katalog, anvandare: Anvandare, egen_personal: dict[int, Anvandare] | None = None
) -> int:
    """Once: two years of registrations for every decided insats with an utförare, by the
    utförare's own demo staff where it has some (`egen_personal`, per utförare id), else by
    `anvandare`."""
    if Kontakt.objects.filter(insats__katalog=katalog).exists():
        return 0
    slump = random.Random(2026)  # noqa: S311 - demo data, not secrets
    idag = timezone.localdate()
    antal = 0
    for insats in katalog.insatser.publicerade():
        if insats.utforare is None:
            continue
        villkor = list(insats.villkor.all())
        personal = (egen_personal or {}).get(insats.utforare_id or 0, anvandare)
        for ar in (idag.year - 1, idag.year):
            sista = idag if ar == idag.year else datetime.date(ar, 12, 31)
            # Nothing before the nämnd's decision put the insats in force.
            forsta = max(datetime.date(ar, 1, 1), insats.giltig_fran or datetime.date(ar, 1, 1))
            if forsta > sista:
                continue
            omgang = None
            if insats.form == Insats.Form.GRUPP:
                omgang = Omgang.objects.create(
                    insats=insats,
                    utforare=insats.utforare,
                    benamning=f"Demo {ar}",
                    # This year's round began two weeks ago and is under way.
                    startdatum=max(
                        datetime.date(ar, 2, 1)
                        if ar < idag.year
                        else idag - datetime.timedelta(days=14),
                        forsta,
                    ),
                    antal_traffar=insats.max_tillfallen or 4,
                    min_deltagare=insats.gruppstorlek_min or 1,
                    max_deltagare=insats.gruppstorlek_max or 40,
                )
            if insats.form == Insats.Form.OPPEN_VERKSAMHET:
                dag = max(datetime.date(ar, 1, 8), forsta)
                while dag <= sista:
                    registrera_oppning(
                        insats=insats,
                        datum=dag,
                        langd_minuter=180,
                        personal=personal,
                        antal={
                            ("kvinna", slump.choice(["25-44", "45-64", "65-"])): slump.randint(
                                2, 12
                            ),
                            ("man", slump.choice(["25-44", "65-"])): slump.randint(0, 6),
                        },
                        nyckel=uuid.uuid4(),
                        idag=idag,
                    )
                    dag += datetime.timedelta(days=7)
                continue
            # A group's participants are taken in before its round begins (at most a month).
            fran, till = forsta, sista
            if omgang is not None:
                fran = max(forsta, omgang.startdatum - datetime.timedelta(days=30))
                till = min(sista, omgang.startdatum)
            for _ in range(slump.randint(2, 30)):
                dag = fran + datetime.timedelta(days=slump.randint(0, (till - fran).days))
                alder = _alder(slump, villkor, barnet=False)
                barnets = _alder(slump, villkor, barnet=True)
                svar = ["uppfyllt"] * len(villkor)
                utfall = Utfall.DELTAR
                if villkor and slump.random() < 0.12:
                    i = slump.randrange(len(villkor))
                    if villkor[i].typ != Villkor.Typ.ALDER:
                        svar[i] = slump.choice(["ej_uppfyllt", "osakert"])
                        utfall = (
                            Utfall.HANVISAD_ANSOKA
                            if svar[i] == "ej_uppfyllt"
                            else Utfall.HANVISAD_NAMND
                        )
                elif slump.random() < 0.08:
                    utfall = Utfall.AVBOJDE
                person = None
                if utfall == Utfall.DELTAR and sol_14_kap_3_identifieras(
                    dokumentationsregel=insats.dokumentationsregel,
                    verksamhetssystem=insats.verksamhetssystem,
                ):
                    person = Personuppgifter(
                        personnummer_for(slump, alder, dag), "Demo", f"Person {antal}", False
                    )
                if (
                    omgang is not None
                    and utfall == Utfall.DELTAR
                    and (omgang.deltaganden.count() >= omgang.max_deltagare)
                ):
                    utfall = Utfall.VANTELISTA
                kontakt = registrera_kontakt(
                    anvandare=personal,
                    insats=insats,
                    person=person,
                    omgang=omgang if utfall in (Utfall.DELTAR, Utfall.VANTELISTA) else None,
                    uppgifter=Kontaktuppgifter(
                        datum=dag,
                        kanal=slump.choice(["pa_plats", "telefon", "digitalt"]),
                        alder=alder,
                        barnets_alder=barnets,
                        kon=slump.choice(["kvinna", "kvinna", "man", "annat"]),
                        svar=svar,
                        informerad=True,
                        utfall=utfall,
                        samtycke="alla"
                        if alder < 15 or (alder < 18 and not insats.unga_utan_samtycke)
                        else "",
                        unga_vill=True,
                    ),
                    start=Startuppgifter(
                        maende_start=slump.randint(1, 4),
                        boende_start=slump.choice(["eget", "andrahand"]),
                    )
                    if utfall in (Utfall.DELTAR, Utfall.VANTELISTA)
                    else Startuppgifter(),
                    forsta_samtal_minuter=None,
                    nyckel=uuid.uuid4(),
                )
                antal += 1
                deltagande = getattr(kontakt, "deltagande", None)
                if deltagande is None or omgang is not None:
                    continue
                for _ in range(slump.randint(1, insats.max_tillfallen or 6)):
                    registrera_samtal(
                        deltagande=deltagande,
                        datum=dag,
                        langd_minuter=slump.choice([30, 45, 60]),
                        kanal="pa_plats",
                        personal=personal,
                        nyckel=uuid.uuid4(),
                        idag=idag,
                    )
                if dag + datetime.timedelta(days=60) <= idag and slump.random() < 0.8:
                    avbrott = slump.random() < 0.2
                    avsluta_deltagande(
                        deltagande=deltagande,
                        slutdatum=dag + datetime.timedelta(days=60),
                        idag=idag,
                        avbrott=avbrott,
                        avbrottsorsak=slump.choice(["passade_ej", "flyttade"]) if avbrott else "",
                        maende_slut=None if avbrott else slump.randint(3, 5),
                        boende_slut="" if avbrott else "eget",
                    )
            if omgang is not None:
                traff_dag = omgang.startdatum
                deltagare = list(omgang.deltaganden.values_list("pk", "startdatum"))
                for _ in range(omgang.antal_traffar):
                    if traff_dag > sista:
                        break
                    traff = registrera_traff(
                        omgang=omgang,
                        datum=traff_dag,
                        langd_minuter=150,
                        personal=personal,
                        nyckel=uuid.uuid4(),
                        idag=idag,
                    )
                    andra_narvaro(
                        traff=traff,
                        ta_bort=[],
                        # Only someone who had begun by the meeting was at it.
                        lagg_till=[
                            d
                            for d, start in deltagare
                            if start <= traff_dag and slump.random() < 0.85
                        ],
                    )
                    traff_dag += datetime.timedelta(days=7)
                sista_traffen = traff_dag - datetime.timedelta(days=7)
                if omgang.traffar.count() == omgang.antal_traffar and sista_traffen < idag:
                    # A round whose meetings are over: its participants ended as planned.
                    for d in omgang.deltaganden.filter(status="pagaende"):
                        avsluta_deltagande(
                            deltagande=d,
                            slutdatum=sista_traffen,
                            idag=idag,
                            avbrott=False,
                            maende_slut=slump.randint(3, 5),
                            boende_slut="eget",
                        )
                    avsluta_omgang(omgang=omgang)
    return antal


def _arbetsdag(dag: datetime.date) -> datetime.date:
    """The day itself, or the Monday after a weekend."""
    while dag.weekday() >= 5:
        dag += datetime.timedelta(days=1)
    return dag


@contextlib.contextmanager
def _daterad_logg() -> Iterator[None]:
    """Rows of the access log dated as the demo says they were read, not now: the demo is
    written by the owner role (as migrations are), which the database's `iub_dateras_nu`
    lets date evidence; the application's role never can, and nothing else lifts this."""
    falt = Atkomstlogg._meta.get_field("tidpunkt")
    assert isinstance(falt, models.DateTimeField)  # noqa: S101
    falt.auto_now_add = False
    try:
        yield
    finally:
        falt.auto_now_add = True


def skriv_demologg(*, personal: Anvandare, chef: Anvandare, utforare_id: int) -> int:
    """Once: the access log the demo's registrations would have left at an utförare with
    identified participations, over the last two months, as a month under review looks: its
    staff saw their ongoing participants on the start page twice a week and opened a few the
    day they started, and the enhetschef opened some that were broken off the day after
    (reads of others' participants, which the monthly review flags), once late in the
    evening. Dated in the past by the owner role only (`_daterad_logg`)."""
    if Atkomstlogg.objects.filter(utforare_id=utforare_id).exists():
        return 0
    identifierade = Deltagande.objects.filter(utforare_id=utforare_id, person__isnull=False)
    pagaende = list(
        identifierade.filter(status=Deltagande.Status.PAGAENDE).order_by("-startdatum", "pk")
    )
    avbrutna = list(identifierade.filter(status=Deltagande.Status.AVBRUTEN).order_by("pk")[:3])
    slump = random.Random(15)  # noqa: S311 - demo data, not secrets
    nu = timezone.now()
    idag = timezone.localdate()
    borjan = idag - datetime.timedelta(days=56)
    rader: list[Atkomstlogg] = []

    def las(
        vem: Anvandare,
        deltaganden: list[Deltagande],
        vad: str,
        dag: datetime.date,
        timme: int,
        handling: str = Atkomstlogg.Handling.LASA,
    ) -> None:
        tid = timezone.make_aware(
            datetime.datetime.combine(dag, datetime.time(timme, slump.randint(0, 59)))
        )
        rader.extend(
            Atkomstlogg(
                anvandare=vem,
                utforare_id=d.utforare_id,
                handling=handling,
                deltagande=d,
                vad=vad,
                ip=None,
                tidpunkt=min(tid, nu),
            )
            for d in deltaganden
        )

    # The start page shows the latest ten ongoing (dokumentation.kontakter.views.startuppgifter)
    # that had begun by the day, read on Mondays and Thursdays and today.
    dagar = [
        borjan + datetime.timedelta(days=n)
        for n in range((idag - borjan).days)
        if (borjan + datetime.timedelta(days=n)).weekday() in (0, 3)
    ] + [idag]
    for dag in dagar:
        synliga = [d for d in pagaende if d.startdatum <= dag][:10]
        las(personal, synliga, "Såg på startsidan", dag, slump.randint(8, 10))
    for d in pagaende[:4]:
        dag = min(_arbetsdag(max(d.startdatum, borjan)), idag)
        las(personal, [d], "Öppnade deltagandet", dag, slump.randint(9, 15))
    for d in pagaende[:2]:
        dag = min(_arbetsdag(max(d.startdatum, borjan) + datetime.timedelta(days=7)), idag)
        las(personal, [d], "Registrerade samtal", dag, 13, Atkomstlogg.Handling.ANDRA)
    for nr, d in enumerate(avbrutna):
        slut = (d.slutdatum or idag) + datetime.timedelta(days=1)
        dag = min(_arbetsdag(max(slut, borjan)), idag)
        if nr == 0:
            # The evening read falls in this month too, whatever day the demo is made: the
            # month in progress then has something to review, also on its first days.
            dag = max(dag, idag.replace(day=1))
        las(chef, [d], "Öppnade deltagandet", dag, 19 if nr == 0 else slump.randint(9, 16))
    rader = [r for r in rader if r.deltagande.ar_identifierad]
    with _daterad_logg():
        Atkomstlogg.objects.bulk_create(rader)
    return Atkomstlogg.objects.filter(utforare_id=utforare_id).count()
