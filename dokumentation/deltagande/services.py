"""A participation's course: a deltagarkod, the caps of 11 kap. 5 §, talks, starting from the
waiting list, referral to apply (11 kap. 1 §) and ending as planned or early."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.db import IntegrityError, transaction

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import en_gang, kontrollera, tillfalle_med_nyckel
from dokumentation.tillfallen.models import Omgang, Tillfalle
from dokumentation.tillfallen.services import ledigt_i
from insatser.regler import Overtradelse
from organisation.models import Anvandare

DELTAGARKOD_TECKEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread


def ny_deltagarkod() -> str:
    """Random, derived from nothing about the person."""
    tecken = "".join(secrets.choice(DELTAGARKOD_TECKEN) for _ in range(8))
    return f"{tecken[:4]}-{tecken[4:]}"


def spara_med_kod(deltagande: Deltagande) -> None:
    """Records without identity get a deltagarkod; a collision (one in 10^12) draws again."""
    if deltagande.person_id is not None:
        deltagande.save()
        return
    for _ in range(5):
        deltagande.deltagarkod = ny_deltagarkod()
        try:
            with transaction.atomic():
                deltagande.save()
            return
        except IntegrityError:
            if Deltagande.objects.filter(deltagarkod=deltagande.deltagarkod).exists():
                deltagande.pk = None
                continue
            raise
    raise RuntimeError("Kunde inte dra en unik deltagarkod.")


def tak(deltagande: Deltagande, *, idag: datetime.date) -> list[Overtradelse]:
    # The sessions are counted only where the nämnd has set a cap on them.
    # The caps are the participation's own: those in force when it started.
    antal = 0
    if deltagande.max_tillfallen is not None:
        antal = deltagande.tillfallen.count() + deltagande.narvaro.count()
    return regler.sol_11_kap_5_tak(
        antal_tillfallen=antal,
        max_tillfallen=deltagande.max_tillfallen,
        startdatum=deltagande.startdatum,
        idag=idag,
        max_manader=deltagande.max_varaktighet_manader,
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
) -> Tillfalle:
    """One individual session. Beyond the insats's cap more needs a needs assessment."""

    @transaction.atomic
    def skapa() -> Tillfalle:
        # Only the participation's own row is locked, and only what the rules read is read
        # again: sessions of other participants of the same insats go on in parallel.
        deltagande.status, deltagande.startdatum = (
            Deltagande.objects.select_for_update()
            .values_list("status", "startdatum")
            .get(pk=deltagande.pk)
        )
        brott = regler.datumfel(datum, tidigast=deltagande.startdatum, idag=idag)
        if deltagande.status != Deltagande.Status.PAGAENDE:
            brott.append(
                Overtradelse(
                    kod="ej_pagaende", regel="", falt=None, meddelande="Deltagandet pågår inte."
                )
            )
        brott += [o for o in tak(deltagande, idag=datum) if o.kod == "tak_tillfallen"]
        kontrollera(brott)
        return Tillfalle.objects.create(
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
        )

    return en_gang(skapa, lambda: tillfalle_med_nyckel(nyckel, deltagande=deltagande))


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
) -> Deltagande:
    """Planned end (wellbeing and situation at end) or stopping early (reason)."""
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
    deltagande.version += 1
    deltagande.save()
    return deltagande
