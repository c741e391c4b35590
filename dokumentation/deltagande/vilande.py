"""Participations that quietly stopped. People stop coming without a word, and a participant
who lost their card goes on under a new deltagarkod that nothing links to the old one, so the
old code stays ongoing for good and is counted as a participant in every later period. Those
ongoing with no session for VILANDE_EFTER_MANADER months (or since their start, if they never
had one) are listed for staff, who end them together as stopped early: "Kontakten upphörde",
on the day they were last there. The same `avsluta_deltagande` ends each, with its rules."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Aggregate,
    Count,
    DateField,
    Exists,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande
from dokumentation.gemensamt import en_gang
from dokumentation.logg.atkomst import SKYDDAD_IDENTITET, far_oppna
from dokumentation.regler.tak import manader_efter
from dokumentation.tillfallen.avslut import INGEN_VALD
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Narvaro, Tillfalle
from dokumentation.val import Avbrottsorsak
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare

INTE_VILANDE = Overtradelse(
    kod="inte_vilande",
    regel="",
    falt=None,
    meddelande="Har fått ett tillfälle registrerat eller avslutats sedan sidan visades, så "
    "inget avslutades. Kontrollera listan och skicka igen.",
)


def grans(idag: datetime.date) -> datetime.date:
    """The last session before this day makes a participation quiet."""
    return manader_efter(idag, -settings.VILANDE_EFTER_MANADER)


def _per_deltagande(qs: QuerySet[Tillfalle] | QuerySet[Narvaro], vad: Aggregate) -> Subquery:
    """One participation's own sessions, aggregated: read by the participation's foreign key
    (an aggregate, so the planner never walks all sessions by date to find one's latest)."""
    return Subquery(
        qs.filter(deltagande=OuterRef("pk"))
        .order_by()
        .values("deltagande")
        .annotate(v=vad)
        .values("v")
    )


def vilande(utforare_ids: Collection[int], *, idag: datetime.date) -> QuerySet[Deltagande]:
    """The utförare's ongoing participations (not those waiting) whose last session – a talk
    or presence at a group meeting – or start, if they had none, is before `grans`. One query:
    the staff lists' index (utförare, status, start: a quiet one started before the limit),
    and for each of those whether a talk or a presence since the limit exists, by their
    foreign keys. Annotated with `senast` (the day they were last there, never before the
    start) and `antal` (their sessions), computed for the rows returned only; a count reads
    none of it."""
    fore = grans(idag)
    samtal = Tillfalle.objects.filter(deltagande=OuterRef("pk"))
    narvaro = Narvaro.objects.filter(deltagande=OuterRef("pk"))
    return (
        Deltagande.objects.filter(
            utforare_id__in=utforare_ids,
            status=Deltagande.Status.PAGAENDE,
            startdatum__lt=fore,
        )
        .exclude(Exists(samtal.filter(datum__gte=fore)))
        .exclude(Exists(narvaro.filter(tillfalle__datum__gte=fore)))
        .annotate(
            # Coalesce each: SQLite's MAX(a, b) is NULL when one is (PostgreSQL skips NULLs).
            senast=Greatest(
                "startdatum",
                Coalesce(_per_deltagande(Tillfalle.objects.all(), Max("datum")), "startdatum"),
                Coalesce(
                    _per_deltagande(Narvaro.objects.all(), Max("tillfalle__datum")), "startdatum"
                ),
                output_field=DateField(),
            ),
            antal=Coalesce(_per_deltagande(Tillfalle.objects.all(), Count("pk")), 0)
            + Coalesce(_per_deltagande(Narvaro.objects.all(), Count("pk")), 0),
        )
        .order_by("senast", "pk")
    )


INTE_KOD = Overtradelse(
    kod="ersatt_bara_kod",
    regel="",
    falt=None,
    meddelande="Bara en deltagarkod med enskilda samtal kan ersättas av en ny kod. Avsluta "
    "det här deltagandet som avbrutet i stället.",
)


@dataclass
class Vilandeavslut:
    avslutade: list[Deltagande] = field(default_factory=list)
    redan_sparad: bool = False
    ersatta: bool = False

    def kvitto(self) -> str:
        """What staff are told when it is saved."""
        antal = len(self.avslutade)
        vad = "deltagande är avslutat" if antal == 1 else "deltaganden är avslutade"
        if self.ersatta:
            return f"{antal} {vad}: koden ersattes av en ny. De räknas inte som avbrutna."
        return f"{antal} {vad} som avbrutna: kontakten upphörde."


def ersatt_av_ny_kod(deltagande: Deltagande, *, avslutsnyckel: uuid.UUID) -> Deltagande:
    """The participant goes on under a new deltagarkod (ge_ny_deltagarkod), which nothing
    links to this one: this code ends on the day it was last there as replaced, neither
    completed nor stopped early, so a lost card does not count as a dropout. Only a code of
    individual talks (the database's CHECK deltagande_ersatt_bara_kod too)."""
    if deltagande.deltagarkod is None or deltagande.person_id or deltagande.omgang_id:
        raise RegelBrott([INTE_KOD])
    deltagande.status = Deltagande.Status.ERSATT
    deltagande.slutdatum = deltagande.senast  # type: ignore[attr-defined]
    deltagande.avslutsnyckel = avslutsnyckel
    deltagande.version += 1
    deltagande.save()
    return deltagande


def avsluta_vilande(
    *,
    utforare_ids: Collection[int],
    deltagande_ids: Sequence[int],
    anvandare: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
    ersatta: bool = False,
) -> Vilandeavslut:
    """End the ticked quiet participations of the user's utförare (`utforare_ids`, as the
    view authorised them) as stopped early, "Kontakten upphörde" – or, `ersatta`, as codes
    replaced by a new one (ersatt_av_ny_kod) – each on the day it was last there, in one
    transaction. One no longer quiet (a session registered, or ended, since the
    page was shown) or not the utförare's, or a rule broken for anyone, raises RaderBrott keyed
    by the participation's id, and nothing is saved. The same page sent again (the same key,
    the same user) ends nobody more and answers with what it ended."""
    # The key left on each participation it ended: the sender's own, and not a round's page's.
    egen = uuid.uuid5(nyckel, f"vilande-{anvandare.pk}")
    ids = list(dict.fromkeys(deltagande_ids))

    @transaction.atomic
    def skapa() -> Vilandeavslut:
        if not ids:
            raise RegelBrott([INGEN_VALD])
        # Locked first, so a talk registered meanwhile (which locks the participation) is
        # either seen below or waits for this to end.
        list(
            Deltagande.objects.select_for_update()
            .filter(pk__in=ids, utforare_id__in=utforare_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        tysta = {
            d.pk: d
            for d in vilande(utforare_ids, idag=idag)
            .filter(pk__in=ids)
            .select_related("person", "kontakt")
        }
        fel: dict[int, list[Overtradelse]] = {}
        avslut = Vilandeavslut(ersatta=ersatta)
        for pk in ids:
            d = tysta.get(pk)
            if d is None:
                fel[pk] = [INTE_VILANDE]
                continue
            if not far_oppna(anvandare, d):
                fel[pk] = [SKYDDAD_IDENTITET]
                continue
            try:
                avslut.avslutade.append(
                    ersatt_av_ny_kod(d, avslutsnyckel=egen)
                    if ersatta
                    else avsluta_deltagande(
                        deltagande=d,
                        slutdatum=d.senast,  # type: ignore[attr-defined]
                        avbrott=True,
                        avbrottsorsak=Avbrottsorsak.KONTAKT_UPPHORDE,
                        idag=idag,
                        avslutsnyckel=egen,
                    )
                )
            except RegelBrott as e:
                fel[pk] = e.overtradelser
        if fel:
            raise RaderBrott(fel)
        return avslut

    def befintlig() -> Vilandeavslut | None:
        tidigare = list(Deltagande.objects.filter(avslutsnyckel=egen, utforare_id__in=utforare_ids))
        return Vilandeavslut(avslutade=tidigare, ersatta=ersatta) if tidigare else None

    return en_gang(skapa, befintlig)
