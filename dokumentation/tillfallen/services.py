"""Rounds and sessions: places left in a round, a group meeting and its attendance, an opening
and its headcount, postponing and ending a round."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import (
    ANVAND_NYCKEL,
    en_gang,
    kontrollera,
    tillfalle_med_nyckel,
    utforare_for_insats,
)
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Omgang, Tillfalle
from insatser.historik import perioder_i_kraft
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare


def ledigt_i(omgang: Omgang) -> int:
    upptagna = omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE).count()
    return omgang.max_deltagare - upptagna


def omgangens_regelbrott(
    *,
    benamning: str,
    min_deltagare: int | None,
    max_deltagare: int | None,
    insats: Insats | None = None,
    antal_traffar: int | None = None,
) -> list[Overtradelse]:
    """A round's name is shown on every list and in the follow-up: never a person's
    (14 kap. 4–5 §§, whatever the insats's rule); its size must make sense; and its meetings
    and size keep within what the nämnd decided for the insats (11 kap. 5 §)."""
    brott = regler.sol_14_kap_4_5_fritext(benamning, falt="benamning") + regler.gruppstorlek_fel(
        min_deltagare=min_deltagare, max_deltagare=max_deltagare
    )
    if insats is not None:
        brott += regler.sol_11_kap_5_omgang(
            antal_traffar=antal_traffar,
            min_deltagare=min_deltagare,
            max_deltagare=max_deltagare,
            max_tillfallen=insats.max_tillfallen,
            gruppstorlek_min=insats.gruppstorlek_min,
            gruppstorlek_max=insats.gruppstorlek_max,
        )
    return brott


def skapa_omgang(
    *,
    insats: Insats,
    benamning: str,
    startdatum: datetime.date,
    antal_traffar: int,
    min_deltagare: int,
    max_deltagare: int,
    nyckel: uuid.UUID | None = None,
    skapad_av: Anvandare | None = None,
) -> Omgang:
    """A new round of a group insats, at the utförare the catalogue names for it. The same form
    sent twice (the same key) by the same user creates one round; the key sent by anyone else,
    or for another insats, is refused and never answers with the round it made."""
    utforare = utforare_for_insats(insats)
    kontrollera(
        omgangens_regelbrott(
            benamning=benamning,
            min_deltagare=min_deltagare,
            max_deltagare=max_deltagare,
            insats=insats,
            antal_traffar=antal_traffar,
        )
    )

    @transaction.atomic
    def skapa() -> Omgang:
        return Omgang.objects.create(
            insats=insats,
            utforare=utforare,
            benamning=benamning,
            startdatum=startdatum,
            antal_traffar=antal_traffar,
            min_deltagare=min_deltagare,
            max_deltagare=max_deltagare,
            inlamningsnyckel=nyckel,
            skapad_av=skapad_av,
        )

    def befintlig() -> Omgang | None:
        if nyckel is None:
            return None
        tidigare = Omgang.objects.filter(inlamningsnyckel=nyckel).first()
        if tidigare is not None and (
            tidigare.insats_id != insats.pk
            or skapad_av is None
            or tidigare.skapad_av_id != skapad_av.pk
        ):
            raise RegelBrott([ANVAND_NYCKEL])
        return tidigare

    return en_gang(skapa, befintlig)


def registrera_oppning(
    *,
    insats: Insats,
    datum: datetime.date,
    langd_minuter: int | None,
    personal: Anvandare,
    antal: Mapping[tuple[str, str], int],
    nyckel: uuid.UUID,
    idag: datetime.date,
    efterregistrering: str = "",
) -> Tillfalle:
    """An opening of a meeting place with its headcount by sex and age band, never people."""

    @transaction.atomic
    def skapa() -> Tillfalle:
        kontrollera(
            regler.datumfel(datum, tidigast=None, idag=idag)
            + regler.datum_fore_insatsen(datum, perioder=perioder_i_kraft(insats, datum))
        )
        oppning = Tillfalle.objects.create(
            insats=insats,
            utforare=utforare_for_insats(insats),
            typ=Tillfalle.Typ.OPPNING,
            datum=datum,
            langd_minuter=langd_minuter,
            personal=personal,
            inlamningsnyckel=nyckel,
            efterregistrering=efterregistrering,
        )
        Besoksantal.objects.bulk_create(
            Besoksantal(tillfalle=oppning, kon=kon, aldersgrupp=grupp, antal=n)
            for (kon, grupp), n in antal.items()
            if n
        )
        return oppning

    return en_gang(skapa, lambda: tillfalle_med_nyckel(nyckel, insats=insats, personal=personal))


def registrera_traff(
    *,
    omgang: Omgang,
    datum: datetime.date,
    langd_minuter: int | None,
    personal: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
    efterregistrering: str = "",
) -> Tillfalle:
    @transaction.atomic
    def skapa() -> Tillfalle:
        # The round's row is locked so that two meetings registered at once count each other.
        traffar = Omgang.objects.select_for_update().get(pk=omgang.pk).traffar.count()
        brott = regler.datumfel(datum, tidigast=None, idag=idag)
        brott += regler.datum_fore_insatsen(datum, perioder=perioder_i_kraft(omgang.insats, datum))
        brott += regler.sol_11_kap_5_omgang(
            antal_traffar=traffar + 1,
            min_deltagare=None,
            max_deltagare=None,
            max_tillfallen=omgang.insats.max_tillfallen,
            gruppstorlek_min=None,
            gruppstorlek_max=None,
        )
        kontrollera(brott)
        if omgang.status == Omgang.Status.PLANERAD:
            Omgang.objects.filter(pk=omgang.pk).update(status=Omgang.Status.PAGAR)
        return Tillfalle.objects.create(
            insats_id=omgang.insats_id,
            utforare_id=omgang.utforare_id,
            typ=Tillfalle.Typ.GRUPPTRAFF,
            datum=datum,
            langd_minuter=langd_minuter,
            personal=personal,
            omgang=omgang,
            inlamningsnyckel=nyckel,
            efterregistrering=efterregistrering,
        )

    return en_gang(skapa, lambda: tillfalle_med_nyckel(nyckel, omgang=omgang, personal=personal))


def med_antal_tillfallen(deltaganden: QuerySet[Deltagande]) -> QuerySet[Deltagande]:
    """Each participation with its sessions so far (talks and meetings attended), for the
    caps, in the same query."""
    return deltaganden.annotate(
        antal_tillfallen=Count("tillfallen", distinct=True) + Count("narvaro", distinct=True)
    )


def vid_taket(
    traff: Tillfalle, deltaganden: Iterable[Deltagande], *, redan: set[int], skal: str = ""
) -> dict[int, list[Overtradelse]]:
    """The participants (from med_antal_tillfallen) for whom being present at this meeting
    would go beyond a cap of 11 kap. 5 § (sol_11_kap_5_tak, with the reason `skal` if one
    was chosen), unless they are ticked already (`redan`): id → what the rule says, the
    participant named."""
    ut = {}
    for d in deltaganden:
        nadda = regler.sol_11_kap_5_tak(
            antal_tillfallen=d.tidigare_tillfallen + d.antal_tillfallen,  # type: ignore[attr-defined]
            max_tillfallen=d.max_tillfallen,
            startdatum=d.varaktighet_fran,
            idag=traff.datum,
            max_manader=d.max_varaktighet_manader,
            skal=skal,
        )
        if nadda and d.pk not in redan:
            ut[d.pk] = [replace(o, meddelande=f"{d}: {o.meddelande}") for o in nadda]
    return ut


@transaction.atomic
def andra_narvaro(
    *,
    traff: Tillfalle,
    lagg_till: Iterable[int],
    ta_bort: Iterable[int],
    rattelse: Callable[[set[int], set[int]], object] | None = None,
    over_taket: str = "",
) -> None:
    """Apply one person's ticks and unticks. Each tick is its own row, so two staff ticking
    the same meeting at the same time both count; a tick already there stays one. A tick
    taken away is a correction: `rattelse(före, efter)` writes it to the trail, in the same
    transaction (dokumentation.rattelser). A participant at a cap of 11 kap. 5 § is ticked
    only with a reason (`over_taket`), kept with the tick; without one nothing is saved."""
    # Only someone who had begun by the meeting's day can have been at it (a participant who
    # joined the round later is not on that meeting's list; the database refuses it too).
    tillatna = {
        pk
        for pk, start in (
            traff.omgang.deltaganden.values_list("pk", "startdatum") if traff.omgang else []
        )
        if regler.kan_ha_varit_med(startdatum=start, traffdag=traff.datum)
    }
    # Someone on the waiting list waits for a later round and is not on the meeting's list.
    nya = list(
        med_antal_tillfallen(
            Deltagande.objects.filter(pk__in=set(lagg_till) & tillatna).exclude(
                status=Deltagande.Status.VANTAR
            )
        )
    )
    redan = set(
        Narvaro.objects.filter(tillfalle=traff, deltagande__in=nya).values_list(
            "deltagande_id", flat=True
        )
    )
    brott = vid_taket(traff, nya, redan=redan, skal=over_taket)
    kontrollera([o for nadda in brott.values() for o in nadda])
    over = vid_taket(traff, nya, redan=redan)
    for d in nya:
        try:
            with transaction.atomic():
                Narvaro.objects.get_or_create(
                    tillfalle=traff,
                    deltagande=d,
                    defaults={"over_taket": over_taket if d.pk in over else ""},
                )
        except IntegrityError:
            pass  # a colleague ticked the same person a moment ago
    fore = set(traff.narvaro.select_for_update().values_list("deltagande_id", flat=True))
    bort = fore & set(ta_bort) & tillatna
    if not bort:
        return
    if rattelse is not None:  # refuses, and so saves none of the page, without a reason
        rattelse(fore, fore - bort)
    Narvaro.objects.filter(tillfalle=traff, deltagande_id__in=bort).delete()


@transaction.atomic
def stall_in_omgang(*, omgang: Omgang, flytta_till: Omgang) -> int:
    """A round that cannot start for lack of participants moves its list to the next round."""
    brott = []
    if (
        flytta_till.pk == omgang.pk
        or flytta_till.insats_id != omgang.insats_id
        or flytta_till.utforare_id != omgang.utforare_id
    ):
        brott.append(
            Overtradelse(
                kod="fel_omgang",
                regel="",
                falt="flytta_till",
                meddelande="Välj en annan omgång av samma insats.",
            )
        )
    if omgang.traffar.exists():
        brott.append(
            Overtradelse(
                kod="redan_startad",
                regel="",
                falt=None,
                meddelande="Omgången har redan haft träffar.",
            )
        )
    kontrollera(brott)
    flyttade = omgang.deltaganden.filter(
        status__in=[Deltagande.Status.PAGAENDE, Deltagande.Status.VANTAR]
    ).update(omgang=flytta_till, status=Deltagande.Status.VANTAR)
    omgang.status = Omgang.Status.INSTALLD
    omgang.save(update_fields=["status"])
    return flyttade


@transaction.atomic
def avsluta_omgang(*, omgang: Omgang) -> int:
    """A round whose meetings are over is closed, and leaves the lists of open rounds. Its
    participants are ended one by one first, since each end records wellbeing and situation
    for the follow-up. Those still waiting for a place in it stay on the insats's waiting
    list. Returns how many that is."""
    omgang = Omgang.objects.select_for_update().get(pk=omgang.pk)
    brott = []
    if omgang.status != Omgang.Status.PAGAR:
        brott.append(
            Overtradelse(
                kod="omgang_ej_pagaende",
                regel="",
                falt=None,
                meddelande="Bara en omgång som har haft träffar och pågår kan avslutas.",
            )
        )
    pagaende = omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE).count()
    if pagaende:
        brott.append(
            Overtradelse(
                kod="deltagare_pagar",
                regel="",
                falt=None,
                meddelande=f"{pagaende} deltagare pågår fortfarande i omgången. Avsluta deras "
                "deltaganden först.",
            )
        )
    kontrollera(brott)
    vantande = omgang.deltaganden.filter(status=Deltagande.Status.VANTAR).update(omgang=None)
    omgang.status = Omgang.Status.AVSLUTAD
    omgang.save(update_fields=["status"])
    return vantande


def omgangar_med_platser(utforare_ids: Iterable[int]) -> list[Omgang]:
    """Open rounds with the number of free places, for the staff start page."""
    omgangar = (
        Omgang.objects.filter(
            utforare_id__in=utforare_ids, status__in=[Omgang.Status.PLANERAD, Omgang.Status.PAGAR]
        )
        .select_related("insats")
        .annotate(
            upptagna=Count("deltaganden", filter=Q(deltaganden__status=Deltagande.Status.PAGAENDE)),
            vantande=Count("deltaganden", filter=Q(deltaganden__status=Deltagande.Status.VANTAR)),
        )
    )
    for o in omgangar:
        o.lediga = max(o.max_deltagare - o.upptagna, 0)  # type: ignore[attr-defined]
    return list(omgangar)
