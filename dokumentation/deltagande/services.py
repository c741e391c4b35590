"""A participation's course: a deltagarkod, the caps of 11 kap. 5 §, talks, starting from the
waiting list, referral to apply (11 kap. 1 §) and ending as planned or early."""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Callable
from typing import TypeVar

import psycopg
from django.db import IntegrityError, transaction

from dokumentation import regler
from dokumentation.deltagande import en_sats
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import (
    ANVAND_NYCKEL,
    en_gang,
    kontrollera,
    tillfalle_med_nyckel,
    utforare_for_insats,
)
from dokumentation.kontakter.models import Kontakt
from dokumentation.tillfallen.models import Omgang, Tillfalle
from dokumentation.tillfallen.services import ledigt_i
from dokumentation.val import Aldersgrupp, Utfall
from insatser.historik import i_kraft_pa, perioder_i_kraft
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare

DELTAGARKOD_TECKEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread
DELTAGARKOD_UNIK = "dokumentation_deltagande_deltagarkod_key"  # PostgreSQL's name for unique=True
T = TypeVar("T")


def ny_deltagarkod() -> str:
    """Random, derived from nothing about the person."""
    tecken = "".join(secrets.choice(DELTAGARKOD_TECKEN) for _ in range(8))
    return f"{tecken[:4]}-{tecken[4:]}"


def dra_kod(deltagande: Deltagande) -> None:
    """Records without identity get a deltagarkod, drawn before the write."""
    if deltagande.person_id is None:
        deltagande.deltagarkod = ny_deltagarkod()


def spara_med_kod(deltagande: Deltagande) -> None:
    """Records without identity get a deltagarkod. No savepoint is spent on the collision (one
    in 10^12; two round trips on every registration): it fails the caller's transaction, which
    `ny_kod_vid_krock` runs again."""
    dra_kod(deltagande)
    deltagande.save()


def _kodkrock(fel: IntegrityError) -> bool:
    """Whether a write failed on the uniqueness of the deltagarkod (and nothing else)."""
    orsak = fel.__cause__
    if isinstance(orsak, psycopg.errors.UniqueViolation):
        return orsak.diag.constraint_name == DELTAGARKOD_UNIK
    # SQLite, the local demo: its message names the column.
    return str(fel) == "UNIQUE constraint failed: dokumentation_deltagande.deltagarkod"


def ny_kod_vid_krock(registrera: Callable[[], T]) -> T:
    """Run a registration that draws a deltagarkod – a whole transaction (or savepoint) of its
    own – and once more with a new code if the one drawn was taken."""
    for _ in range(5):
        try:
            return registrera()
        except IntegrityError as e:
            if not _kodkrock(e):
                raise
    raise RuntimeError("Kunde inte dra en unik deltagarkod.")


def antal_mot_taket(deltagande: Deltagande) -> int:
    """The sessions the cap counts: talks, meetings attended and those a new deltagarkod
    continues from; counted only where the nämnd has set a cap on them."""
    if deltagande.max_tillfallen is None:
        return 0
    return (
        deltagande.tidigare_tillfallen + deltagande.tillfallen.count() + deltagande.narvaro.count()
    )


def tak(
    deltagande: Deltagande, *, idag: datetime.date, skal: str = "", antal: int | None = None
) -> list[Overtradelse]:
    """The caps of 11 kap. 5 § for one more session on `idag` (sol_11_kap_5_tak): empty when
    it is within them, or when `skal` is an explicit reason to go beyond. The caps are the
    participation's own: those in force when it started. `antal` is antal_mot_taket, when the
    caller has counted already."""
    return regler.sol_11_kap_5_tak(
        antal_tillfallen=antal_mot_taket(deltagande) if antal is None else antal,
        max_tillfallen=deltagande.max_tillfallen,
        startdatum=deltagande.varaktighet_fran,
        idag=idag,
        max_manader=deltagande.max_varaktighet_manader,
        skal=skal,
    )


def registrera_samtal(
    *,
    deltagande: Deltagande,
    datum: datetime.date,
    langd_minuter: int | None,
    kanal: str,
    personal: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
    efterregistrering: str = "",
    over_taket: str = "",
) -> Tillfalle:
    """One individual session. At the insats's cap more needs a needs assessment; one more is
    registered only with a reason (`over_taket`, 11 kap. 5 §), kept with the session."""

    def regelbrott() -> tuple[list[Overtradelse], bool]:
        """What the rules say of the participation as last read, and whether the talk is
        beyond the caps (then kept with its reason)."""
        brott = regler.datumfel(datum, tidigast=deltagande.startdatum, idag=idag)
        if deltagande.status != Deltagande.Status.PAGAENDE:
            brott.append(
                Overtradelse(
                    kod="ej_pagaende", regel="", falt=None, meddelande="Deltagandet pågår inte."
                )
            )
        antal = antal_mot_taket(deltagande)
        over = bool(tak(deltagande, idag=datum, antal=antal))
        brott += tak(deltagande, idag=datum, skal=over_taket, antal=antal)
        return brott, over

    def samtalet(over: bool) -> Tillfalle:
        return Tillfalle(
            insats_id=deltagande.insats_id,
            utforare_id=deltagande.utforare_id,
            typ=Tillfalle.Typ.INDIVIDUELLT,
            datum=datum,
            langd_minuter=langd_minuter,
            kanal=kanal,
            personal=personal,
            deltagande=deltagande,
            inlamningsnyckel=nyckel,
            efterregistrering=efterregistrering,
            over_taket=over_taket if over else "",
        )

    @transaction.atomic
    def skapa() -> Tillfalle:
        # Only the participation's own row is locked, and only what the rules read is read
        # again: sessions of other participants of the same insats go on in parallel.
        (
            deltagande.status,
            deltagande.startdatum,
            deltagande.tidigare_tillfallen,
            deltagande.tidigare_start,
        ) = (
            Deltagande.objects.select_for_update()
            .values_list("status", "startdatum", "tidigare_tillfallen", "tidigare_start")
            .get(pk=deltagande.pk)
        )
        brott, over = regelbrott()
        kontrollera(brott)
        samtal = samtalet(over)
        samtal.save(force_insert=True)
        return samtal

    def forst_i_en_sats() -> Tillfalle:
        # Without a cap on the number of sessions the rules read only what the statement
        # checks under its lock (status, start, earlier sessions), so they decide there as
        # they would after the ORM's lock; with one, the count is read under the lock.
        if deltagande.max_tillfallen is None:
            brott, over = regelbrott()
            samtal = samtalet(over)
            if not brott and en_sats.skriv_samtal(samtal, deltagande):
                return samtal
        return skapa()

    return en_gang(
        forst_i_en_sats,
        lambda: tillfalle_med_nyckel(nyckel, deltagande=deltagande, personal=personal),
    )


HOGST_TIDIGARE = 200


def kan_fa_ny_kod(insats: Insats) -> bool:
    """A new deltagarkod continues a count of talks: for an insats without identity whose
    participants have individual talks (an identified person is found by search instead)."""
    return not regler.sol_14_kap_3_identifieras(
        dokumentationsregel=insats.dokumentationsregel,
        verksamhetssystem=insats.verksamhetssystem,
    ) and insats.form in (Insats.Form.INDIVIDUELL, Insats.Form.INDIVIDUELL_ELLER_GRUPP)


def ge_ny_deltagarkod(
    *,
    anvandare: Anvandare,
    insats: Insats,
    datum: datetime.date,
    kanal: str,
    alder: int | None,
    kon: str,
    tidigare_tillfallen: int,
    informerad: bool,
    nyckel: uuid.UUID,
    idag: datetime.date,
    tidigare_start: datetime.date | None = None,
) -> Deltagande:
    """A participant without identity lost their card: a new participation with a new
    deltagarkod that continues the old count. Staff declare how many sessions came before
    ("fortsätter med N tidigare samtal") and, where the insats has a longest time, roughly when
    the person began; the caps of 11 kap. 5 § count both (sol_11_kap_5_ny_kods_start); nothing ties
    the new code to the old one or to anyone. The person turned to the utförare again, so it
    is a contact as any other (11 kap. 6 § information included). The same form posted twice
    (same key) gives one code."""

    @transaction.atomic
    def skapa() -> Deltagande:
        utforare = utforare_for_insats(insats)
        brott = regler.sol_11_kap_6_information(informerad=informerad)
        brott += regler.datumfel(datum, idag=idag)
        brott += regler.datum_fore_insatsen(datum, perioder=perioder_i_kraft(insats, datum))
        if not kan_fa_ny_kod(insats):
            brott.append(
                Overtradelse(
                    kod="ny_kod_ej_tillaten",
                    regel=regler.SOL_14_4_5,
                    falt=None,
                    meddelande="En ny deltagarkod ges bara i en insats utan identitet med "
                    "individuella samtal.",
                )
            )
        if not 1 <= tidigare_tillfallen <= HOGST_TIDIGARE:
            brott.append(
                Overtradelse(
                    kod="tidigare_tillfallen",
                    regel=regler.SOL_11_5,
                    falt="tidigare_tillfallen",
                    meddelande=f"Ange hur många samtal personen har haft, 1–{HOGST_TIDIGARE}.",
                )
            )
        # The caps as the nämnd had decided them on the new code's day, as for any contact.
        pa_dagen, _ = i_kraft_pa(insats, datum)
        brott += regler.sol_11_kap_5_ny_kods_start(
            tidigare_start=tidigare_start, datum=datum, max_manader=pa_dagen.max_varaktighet_manader
        )
        kontrollera(brott)
        kontakt = Kontakt.objects.create(
            insats=insats,
            utforare=utforare,
            datum=datum,
            kanal=kanal,
            aldersgrupp=Aldersgrupp.for_alder(alder),
            kon=kon,
            utfall=Utfall.DELTAR,
            informerad_11_6=informerad,
            registrerad_av=anvandare,
            inlamningsnyckel=nyckel,
        )
        deltagande = Deltagande.for_insats(
            insats,
            i_kraft=pa_dagen,
            kontakt=kontakt,
            utforare=utforare,
            tidigare_tillfallen=tidigare_tillfallen,
            tidigare_start=tidigare_start,
            status=Deltagande.Status.PAGAENDE,
            startdatum=datum,
            alder=alder,
            kon=kon,
        )
        spara_med_kod(deltagande)
        return deltagande

    def befintlig() -> Deltagande | None:
        kontakt = Kontakt.objects.filter(inlamningsnyckel=nyckel).first()
        if kontakt is None:
            return None
        if kontakt.insats_id != insats.pk or kontakt.registrerad_av_id != anvandare.pk:
            raise RegelBrott([ANVAND_NYCKEL])
        return Deltagande.objects.filter(kontakt=kontakt).first()

    return ny_kod_vid_krock(lambda: en_gang(skapa, befintlig))


@transaction.atomic
def starta_fran_vantelistan(
    *, deltagande: Deltagande, datum: datetime.date, idag: datetime.date
) -> Deltagande:
    """Someone on the waiting list gets a place. The contact's date stays as when they
    started waiting, so the follow-up can count the waiting time."""
    deltagande = Deltagande.objects.select_for_update().get(pk=deltagande.pk)
    brott = regler.datumfel(datum, tidigast=deltagande.kontakt.datum, idag=idag)
    if deltagande.status != Deltagande.Status.VANTAR:
        brott.append(
            Overtradelse(
                kod="vantar_ej",
                regel="",
                falt=None,
                meddelande="Personen står inte på väntelistan.",
            )
        )
    elif (
        deltagande.omgang is not None
        and ledigt_i(Omgang.objects.select_for_update().get(pk=deltagande.omgang.pk)) <= 0
    ):
        brott.append(
            Overtradelse(
                kod="omgang_full", regel=regler.SOL_11_5, falt=None, meddelande="Omgången är full."
            )
        )
    kontrollera(brott)
    deltagande.status = Deltagande.Status.PAGAENDE
    deltagande.startdatum = datum
    deltagande.version += 1
    deltagande.save(update_fields=["status", "startdatum", "version"])
    return deltagande


@transaction.atomic
def hanvisa_att_ansoka(*, deltagande: Deltagande, datum: datetime.date) -> Deltagande:
    """11 kap. 1 §: at the cap the person is referred to apply for a needs-assessed insats."""
    deltagande.hanvisad_ansoka = datum
    deltagande.save(update_fields=["hanvisad_ansoka"])
    return deltagande


@transaction.atomic
def avsluta_deltagande(
    *,
    deltagande: Deltagande,
    slutdatum: datetime.date,
    avbrott: bool,
    idag: datetime.date,
    maende_slut: int | None = None,
    boende_slut: str = "",
    sysselsattning_slut: str = "",
    problem: str = "",
    problem_text: str = "",
    avbrottsorsak: str = "",
    avbrott_text: str = "",
    avslutsnyckel: uuid.UUID | None = None,
) -> Deltagande:
    """Planned end (wellbeing and situation at end) or stopping early (reason). `avslutsnyckel`:
    the key of the round's end page that ends it together with others (tillfallen.avslut)."""
    deltagande = Deltagande.objects.select_for_update().get(pk=deltagande.pk)
    brott = regler.datumfel(slutdatum, tidigast=deltagande.startdatum, idag=idag, falt="slutdatum")
    if deltagande.ar_avslutad:
        brott.append(
            Overtradelse(
                kod="redan_avslutad",
                regel="",
                falt=None,
                meddelande="Deltagandet är redan avslutat.",
            )
        )
    brott += regler.avbrott_utan_orsak(avbrott=avbrott, avbrottsorsak=avbrottsorsak)
    brott += regler.sol_14_kap_4_5_fritexter(
        {"problem_text": problem_text, "avbrott_text": avbrott_text},
        identifierad=deltagande.ar_identifierad,
    )
    kontrollera(brott)
    deltagande.status = Deltagande.Status.AVBRUTEN if avbrott else Deltagande.Status.AVSLUTAD
    deltagande.slutdatum = slutdatum
    deltagande.maende_slut = maende_slut
    deltagande.boende_slut, deltagande.sysselsattning_slut = boende_slut, sysselsattning_slut
    deltagande.problem, deltagande.problem_text = problem, problem_text
    deltagande.avbrottsorsak, deltagande.avbrott_text = avbrottsorsak, avbrott_text
    deltagande.avslutsnyckel = avslutsnyckel
    deltagande.version += 1
    deltagande.save()
    return deltagande
