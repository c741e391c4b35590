"""Gallring: the records of ended participations, and the access log itself, removed when the
retention period the nämnd decided has passed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Max, Q

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.gallring.models import Gallring
from dokumentation.journal.models import Journalanteckning
from dokumentation.logg.models import Atkomstlogg


@dataclass(frozen=True)
class Gallringsresultat:
    grans: datetime.date
    personer: int
    deltaganden: int
    journalanteckningar: int
    fritexter: int = 0
    sparade: int = 0
    loggrader: int = 0


def gallringsgrans(idag: datetime.date, ar: int) -> datetime.date:
    """The day before which the last entry must lie for identified data to be deleted."""
    try:
        return idag.replace(year=idag.year - ar)
    except ValueError:  # 29 February
        return idag.replace(year=idag.year - ar, day=28)


def fodd_pa_dag(personnummer: str) -> int:
    """The day of the month a person was born (a samordningsnummer adds 60 to it)."""
    dag = int(personnummer[6:8])
    return dag - 60 if dag > 60 else dag


def gallra(
    *,
    idag: datetime.date,
    ar: int,
    torrkorning: bool,
    spara_fodda_dag: Iterable[int] = (),
    logg_ar: int | None = None,
) -> Gallringsresultat:
    """Delete identified data whose retention has passed: people whose every participation has
    ended and whose last entry (start, end, session or journal note) is more than `ar` years
    old. Their journal notes, identity and the free text of their participations go (a note or
    a text may name someone else); the participations stay, de-identified, with the random
    person key, so every report is the same before and after. People born on a day of
    `spara_fodda_dag` are kept, when an archive decision says so (GALLRING_SPARA_FODDA_DAG).
    The access log's own rows go after `logg_ar` years (ATKOMSTLOGG_AR; None keeps them).
    Deleting notes, people and log rows needs the owner role (manage.py gallra); each run is
    recorded."""
    grans = gallringsgrans(idag, ar)
    kandidater = Person.objects.annotate(
        pagaende=Count("deltaganden", filter=Q(deltaganden__slutdatum__isnull=True)),
        sista_start=Max("deltaganden__startdatum"),
        sista_slut=Max("deltaganden__slutdatum"),
        sista_tillfalle=Max("deltaganden__tillfallen__datum"),
        sista_narvaro=Max("deltaganden__narvaro__tillfalle__datum"),
        sista_anteckning=Max("deltaganden__anteckningar__signerad__date"),
    ).filter(pagaende=0)
    utgangna = [
        p
        for p in kandidater
        if max(
            d
            for d in (
                p.sista_start,
                p.sista_slut,
                p.sista_tillfalle,
                p.sista_narvaro,
                p.sista_anteckning,
            )
            if d is not None
        )
        < grans
    ]
    spara = set(spara_fodda_dag)
    personer = [p.pk for p in utgangna if fodd_pa_dag(p.personnummer) not in spara]
    deltaganden = Deltagande.objects.filter(person_id__in=personer)
    anteckningar = Journalanteckning.objects.filter(deltagande__in=deltaganden)
    med_fritext = deltaganden.exclude(problem_text="", avbrott_text="")
    gamla_loggrader = (
        Atkomstlogg.objects.filter(tidpunkt__date__lt=gallringsgrans(idag, logg_ar))
        if logg_ar is not None
        else Atkomstlogg.objects.none()
    )
    resultat = Gallringsresultat(
        grans=grans,
        personer=len(personer),
        deltaganden=deltaganden.count(),
        journalanteckningar=anteckningar.count(),
        fritexter=med_fritext.count(),
        sparade=len(utgangna) - len(personer),
        loggrader=gamla_loggrader.count(),
    )
    if torrkorning or not (personer or resultat.loggrader):
        return resultat
    with transaction.atomic():
        gamla_loggrader.delete()
        anteckningar.delete()
        deltaganden.update(person=None, problem_text="", avbrott_text="")
        Person.objects.filter(pk__in=personer).delete()
        roll = ""
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SELECT current_user")
                (roll,) = c.fetchone()
        Gallring.objects.create(
            grans=grans,
            personer=resultat.personer,
            deltaganden=resultat.deltaganden,
            journalanteckningar=resultat.journalanteckningar,
            fritexter=resultat.fritexter,
            sparade=resultat.sparade,
            loggrader=resultat.loggrader,
            utford_av=roll,
        )
    return resultat
