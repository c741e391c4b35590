"""Every registration is one atomic use case that runs the rules itself (dokumentation.regler),
so that forms, commands and later integrations cannot skip them, and a failed save leaves
nothing half written."""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Q

from dokumentation import regler
from dokumentation.models import (
    Aldersgrupp,
    Atkomstlogg,
    Avvisning,
    Besoksantal,
    Deltagande,
    Gallring,
    Journalanteckning,
    Kontakt,
    Narvaro,
    Omgang,
    Person,
    Tillfalle,
    Utfall,
    Villkorssvar,
)
from insatser.models import Insats, Villkor
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare, Utforare

__all__ = ["RegelBrott"]

T = TypeVar("T")

DELTAGARKOD_TECKEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread


ANVAND_NYCKEL = Overtradelse(
    kod="nyckel_anvand",
    regel="",
    falt=None,
    meddelande="Formuläret har redan använts. Ladda om sidan och fyll i det på nytt.",
)


def _tillfalle_med_nyckel(nyckel: uuid.UUID, **agare: object) -> Tillfalle | None:
    """The session this very form already created, if it was posted twice. A key used by
    anything else is refused rather than shown."""
    befintligt = Tillfalle.objects.filter(inlamningsnyckel=nyckel).first()
    if befintligt is None:
        return None
    if any(
        getattr(befintligt, f"{falt}_id") != getattr(varde, "pk", None)
        for falt, varde in agare.items()
    ):
        raise RegelBrott([ANVAND_NYCKEL])
    return befintligt


def _en_gang(skapa: Callable[[], T], befintlig: Callable[[], T | None]) -> T:
    """A form posted twice (the same key) creates one record. The write is tried first, so a
    registration costs no lookup; only when it fails, on the unique key or on a rule, is the
    record this very form created looked up. A rule can fail on the second post because of the
    first one: it took the round's last place, or the last session under the cap."""
    try:
        return skapa()
    except (IntegrityError, RegelBrott):
        tidigare = befintlig()  # refuses a key used by anything else
        if tidigare is not None:
            return tidigare
        raise


def ny_deltagarkod() -> str:
    """Random, derived from nothing about the person."""
    tecken = "".join(secrets.choice(DELTAGARKOD_TECKEN) for _ in range(8))
    return f"{tecken[:4]}-{tecken[4:]}"


def _kontrollera(brott: list[Overtradelse]) -> None:
    if brott:
        raise RegelBrott(brott)


@dataclass(frozen=True)
class Kontaktuppgifter:
    datum: datetime.date
    kanal: str
    alder: int | None
    barnets_alder: int | None
    kon: str
    svar: Sequence[str | None]
    informerad: bool
    utfall: str
    samtycke: str
    unga_vill: bool


@dataclass(frozen=True)
class Startuppgifter:
    maende_start: int | None = None
    boende_start: str = ""
    sysselsattning_start: str = ""


@dataclass(frozen=True)
class Personuppgifter:
    personnummer: str
    fornamn: str
    efternamn: str
    skyddad_identitet: bool


def kontaktens_regelbrott(
    *,
    insats: Insats,
    villkor: Sequence[Villkor],
    uppgifter: Kontaktuppgifter,
    person: Personuppgifter | None,
) -> list[Overtradelse]:
    brott = regler.sol_11_kap_6_information(informerad=uppgifter.informerad)
    brott += regler.sol_11_kap_5_summarisk_kontroll(
        villkor, uppgifter.svar, alder=uppgifter.alder, barnets_alder=uppgifter.barnets_alder
    )
    brott += regler.sol_11_kap_5_utfall(svar=uppgifter.svar, utfall=uppgifter.utfall)
    if uppgifter.utfall in (Utfall.DELTAR, Utfall.VANTELISTA):
        krav = [
            regler.Samtyckeskrav(v.under_alder, v.antal)
            for v in villkor
            if v.typ == Villkor.Typ.VARDNADSHAVARES_SAMTYCKE
        ]
        brott += regler.sol_21_kap_2_samtycke(
            alder=uppgifter.alder,
            krav=krav,
            utan_samtycke_fran_15=insats.utan_samtycke_fran_15,
            samtycke=uppgifter.samtycke or None,
            unga_vill=uppgifter.unga_vill,
        )
    identifieras = regler.sol_14_kap_3_identifieras(
        dokumentationsregel=insats.dokumentationsregel, verksamhetssystem=insats.verksamhetssystem
    )
    if person is not None and not identifieras:
        brott.append(
            Overtradelse(
                kod="identitet_ej_tillaten",
                falt=None,
                regel=regler.SOL_14_4_5,
                meddelande="Insatsen dokumenteras utan identitet: namn och personnummer får inte "
                "registreras.",
            )
        )
    if person is None and identifieras and uppgifter.utfall == Utfall.DELTAR:
        brott.append(
            Overtradelse(
                kod="identitet_saknas",
                falt="personnummer",
                regel=regler.SOL_14_3,
                meddelande="Insatsen dokumenteras fullt ut (14 kap. 3 §): ange personnummer och "
                "namn.",
            )
        )
    return brott


def _utforare(insats: Insats) -> Utforare:
    """Records belong to the utförare the catalogue names for the insats."""
    if insats.utforare is None or insats.status != Insats.Status.BESLUTAD:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="insats_ej_registrerbar",
                    regel=regler.SOL_11_5,
                    falt=None,
                    meddelande="Insatsen är inte beslutad med en registrerad utförare.",
                )
            ]
        )
    return insats.utforare


def _ledigt_i(omgang: Omgang) -> int:
    upptagna = omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE).count()
    return omgang.max_deltagare - upptagna


def registrera_kontakt(
    *,
    anvandare: Anvandare,
    insats: Insats,
    uppgifter: Kontaktuppgifter,
    start: Startuppgifter,
    person: Personuppgifter | None,
    omgang: Omgang | None,
    forsta_samtal_minuter: int | None,
    nyckel: uuid.UUID,
) -> Kontakt:
    """Someone turned to the utförare. The contact is always recorded, de-identified; when the
    person starts taking part, or waits for a round, the participation is created with it.
    The same form posted twice (same key) creates one contact."""

    def befintlig() -> Kontakt | None:
        # The same user's form for the same insats, posted again; a key from anywhere else is
        # a tampered form.
        kontakter = Kontakt.objects.filter(inlamningsnyckel=nyckel)
        egen = kontakter.filter(insats=insats, registrerad_av=anvandare).first()
        if egen is None and kontakter.exists():
            raise RegelBrott([ANVAND_NYCKEL])
        return egen

    def skapa() -> Kontakt:
        return _registrera_kontakt(
            anvandare=anvandare,
            insats=insats,
            uppgifter=uppgifter,
            start=start,
            person=person,
            omgang=omgang,
            forsta_samtal_minuter=forsta_samtal_minuter,
            nyckel=nyckel,
        )

    return _en_gang(skapa, befintlig)


@transaction.atomic
def _registrera_kontakt(
    *,
    anvandare: Anvandare,
    insats: Insats,
    uppgifter: Kontaktuppgifter,
    start: Startuppgifter,
    person: Personuppgifter | None,
    omgang: Omgang | None,
    forsta_samtal_minuter: int | None,
    nyckel: uuid.UUID,
) -> Kontakt:
    utforare = _utforare(insats)
    villkor = list(insats.villkor.all())
    brott = kontaktens_regelbrott(
        insats=insats, villkor=villkor, uppgifter=uppgifter, person=person
    )
    if omgang is not None:
        omgang = Omgang.objects.select_for_update().get(pk=omgang.pk)
        if omgang.insats_id != insats.pk or omgang.utforare_id != utforare.pk:
            brott.append(
                Overtradelse(
                    kod="fel_omgang",
                    meddelande="Välj en omgång av insatsen.",
                    regel=regler.SOL_11_5,
                    falt="omgang",
                )
            )
        elif uppgifter.utfall == Utfall.DELTAR and _ledigt_i(omgang) <= 0:
            brott.append(
                Overtradelse(
                    kod="omgang_full",
                    regel=regler.SOL_11_5,
                    falt="omgang",
                    meddelande="Omgången är full. Sätt personen på väntelistan till en senare "
                    "omgång.",
                )
            )
    _kontrollera(brott)
    deltar = uppgifter.utfall in (Utfall.DELTAR, Utfall.VANTELISTA)
    barn_utan_vardnadshavare = (
        uppgifter.alder is not None
        and uppgifter.alder < 18
        and not regler.samtycke_kravs(
            alder=uppgifter.alder, utan_samtycke_fran_15=insats.utan_samtycke_fran_15
        )
    )
    kontakt = Kontakt.objects.create(
        insats=insats,
        utforare=utforare,
        datum=uppgifter.datum,
        kanal=uppgifter.kanal,
        aldersgrupp=Aldersgrupp.for_alder(uppgifter.alder),
        kon=uppgifter.kon,
        utfall=uppgifter.utfall,
        informerad_11_6=uppgifter.informerad,
        samtycke="" if barn_utan_vardnadshavare or not deltar else uppgifter.samtycke,
        registrerad_av=anvandare,
        inlamningsnyckel=nyckel,
    )
    Villkorssvar.objects.bulk_create(
        Villkorssvar(kontakt=kontakt, villkor_typ=v.typ, villkor=v, svar=s)
        for v, s in zip(villkor, uppgifter.svar, strict=True)
        if s
    )
    if not deltar:
        return kontakt
    personen = None
    if person is not None:
        personen, _ = Person.objects.get_or_create(
            personnummer=person.personnummer,
            utforare=utforare,
            defaults={
                "fornamn": person.fornamn,
                "efternamn": person.efternamn,
                "skyddad_identitet": person.skyddad_identitet,
            },
        )
        if person.skyddad_identitet and not personen.skyddad_identitet:
            personen.skyddad_identitet = True
            personen.save(update_fields=["skyddad_identitet"])
    deltagande = Deltagande(
        kontakt=kontakt,
        insats=insats,
        utforare=utforare,
        dokumentationsregel=insats.dokumentationsregel,
        dokumenteras_externt=(insats.verksamhetssystem or "").strip(),
        max_tillfallen=insats.max_tillfallen,
        max_varaktighet_manader=insats.max_varaktighet_manader,
        person=personen,
        personnyckel=personen.nyckel if personen else None,
        omgang=omgang,
        status=Deltagande.Status.PAGAENDE
        if uppgifter.utfall == Utfall.DELTAR
        else Deltagande.Status.VANTAR,
        startdatum=uppgifter.datum,
        alder=uppgifter.alder,
        kon=uppgifter.kon,
        utan_vardnadshavare_21_2=barn_utan_vardnadshavare,
        maende_start=start.maende_start,
        boende_start=start.boende_start,
        sysselsattning_start=start.sysselsattning_start,
    )
    _spara_med_kod(deltagande)
    if forsta_samtal_minuter is not None and uppgifter.utfall == Utfall.DELTAR:
        Tillfalle.objects.create(
            insats=insats,
            utforare=utforare,
            typ=Tillfalle.Typ.INDIVIDUELLT,
            datum=uppgifter.datum,
            langd_minuter=forsta_samtal_minuter,
            kanal=uppgifter.kanal,
            personal=anvandare,
            deltagande=deltagande,
            inlamningsnyckel=uuid.uuid4(),
        )
    return kontakt


def _spara_med_kod(deltagande: Deltagande) -> None:
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


def registrera_avvisningar(*, insats: Insats, koder: Iterable[str]) -> None:
    """Count free texts refused under 14 kap. 4–5 §§ for the internal control; what the text
    said is never kept."""
    Avvisning.objects.bulk_create(
        Avvisning(insats=insats, kod=kod) for kod in koder if kod.startswith("fritext_")
    )


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


def _datumfel(
    datum: datetime.date, *, tidigast: datetime.date | None, idag: datetime.date
) -> list[Overtradelse]:
    if datum > idag:
        return [
            Overtradelse(
                kod="datum_framtid",
                regel="",
                falt="datum",
                meddelande="Datumet kan inte ligga i framtiden.",
            )
        ]
    if tidigast and datum < tidigast:
        return [
            Overtradelse(
                kod="datum_fore_start",
                regel="",
                falt="datum",
                meddelande=f"Datumet ligger före starten {tidigast:%Y-%m-%d}.",
            )
        ]
    return []


def registrera_samtal(
    *,
    deltagande: Deltagande,
    datum: datetime.date,
    langd_minuter: int | None,
    kanal: str,
    personal: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
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
        brott = _datumfel(datum, tidigast=deltagande.startdatum, idag=idag)
        if deltagande.status != Deltagande.Status.PAGAENDE:
            brott.append(
                Overtradelse(
                    kod="ej_pagaende", regel="", falt=None, meddelande="Deltagandet pågår inte."
                )
            )
        brott += [o for o in tak(deltagande, idag=datum) if o.kod == "tak_tillfallen"]
        _kontrollera(brott)
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
        )

    return _en_gang(skapa, lambda: _tillfalle_med_nyckel(nyckel, deltagande=deltagande))


@transaction.atomic
def starta_fran_vantelistan(
    *, deltagande: Deltagande, datum: datetime.date, idag: datetime.date
) -> Deltagande:
    """Someone on the waiting list gets a place. The contact's date stays as when they
    started waiting, so the follow-up can count the waiting time."""
    deltagande = Deltagande.objects.select_for_update().get(pk=deltagande.pk)
    brott = _datumfel(datum, tidigast=deltagande.kontakt.datum, idag=idag)
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
        and _ledigt_i(Omgang.objects.select_for_update().get(pk=deltagande.omgang.pk)) <= 0
    ):
        brott.append(
            Overtradelse(
                kod="omgang_full", regel=regler.SOL_11_5, falt=None, meddelande="Omgången är full."
            )
        )
    _kontrollera(brott)
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
    brott = _datumfel(slutdatum, tidigast=deltagande.startdatum, idag=idag)
    if deltagande.ar_avslutad:
        brott.append(
            Overtradelse(
                kod="redan_avslutad",
                regel="",
                falt=None,
                meddelande="Deltagandet är redan avslutat.",
            )
        )
    if avbrott and not avbrottsorsak:
        brott.append(
            Overtradelse(
                kod="orsak_saknas",
                regel="",
                falt="avbrottsorsak",
                meddelande="Ange orsaken till avbrottet.",
            )
        )
    if not deltagande.ar_identifierad:
        brott += regler.sol_14_kap_4_5_fritext(problem_text, falt="problem_text")
        brott += regler.sol_14_kap_4_5_fritext(avbrott_text, falt="avbrott_text")
    _kontrollera(brott)
    deltagande.status = Deltagande.Status.AVBRUTEN if avbrott else Deltagande.Status.AVSLUTAD
    deltagande.slutdatum = slutdatum
    deltagande.maende_slut = maende_slut
    deltagande.boende_slut, deltagande.sysselsattning_slut = boende_slut, sysselsattning_slut
    deltagande.problem, deltagande.problem_text = problem, problem_text
    deltagande.avbrottsorsak, deltagande.avbrott_text = avbrottsorsak, avbrott_text
    deltagande.version += 1
    deltagande.save()
    return deltagande


def skriv_journalanteckning(
    *,
    deltagande: Deltagande,
    text: str,
    anvandare: Anvandare,
    rattar: Journalanteckning | None = None,
) -> Journalanteckning:
    """14 kap. 3 §: a signed note. A correction is a new note that refers to the old one."""
    brott = []
    if not deltagande.ar_identifierad:
        brott.append(
            Overtradelse(
                kod="ingen_journal",
                regel=regler.SOL_14_4_5,
                falt=None,
                meddelande="Insatsen förs utan journal.",
            )
        )
    if rattar is not None and rattar.deltagande_id != deltagande.pk:
        brott.append(
            Overtradelse(
                kod="fel_anteckning",
                regel="",
                falt="rattar",
                meddelande="Välj en anteckning i samma deltagande.",
            )
        )
    if not text.strip():
        brott.append(
            Overtradelse(kod="text_saknas", regel="", falt="text", meddelande="Skriv anteckningen.")
        )
    _kontrollera(brott)
    return Journalanteckning.objects.create(
        deltagande=deltagande, text=text.strip(), signerad_av=anvandare, rattar=rattar
    )


def registrera_oppning(
    *,
    insats: Insats,
    datum: datetime.date,
    langd_minuter: int | None,
    personal: Anvandare,
    antal: Mapping[tuple[str, str], int],
    nyckel: uuid.UUID,
    idag: datetime.date,
) -> Tillfalle:
    """An opening of a meeting place with its headcount by sex and age band, never people."""

    @transaction.atomic
    def skapa() -> Tillfalle:
        _kontrollera(_datumfel(datum, tidigast=None, idag=idag))
        oppning = Tillfalle.objects.create(
            insats=insats,
            utforare=_utforare(insats),
            typ=Tillfalle.Typ.OPPNING,
            datum=datum,
            langd_minuter=langd_minuter,
            personal=personal,
            inlamningsnyckel=nyckel,
        )
        Besoksantal.objects.bulk_create(
            Besoksantal(tillfalle=oppning, kon=kon, aldersgrupp=grupp, antal=n)
            for (kon, grupp), n in antal.items()
            if n
        )
        return oppning

    return _en_gang(skapa, lambda: _tillfalle_med_nyckel(nyckel, insats=insats))


def registrera_traff(
    *,
    omgang: Omgang,
    datum: datetime.date,
    langd_minuter: int | None,
    personal: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
) -> Tillfalle:
    @transaction.atomic
    def skapa() -> Tillfalle:
        _kontrollera(_datumfel(datum, tidigast=None, idag=idag))
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
        )

    return _en_gang(skapa, lambda: _tillfalle_med_nyckel(nyckel, omgang=omgang))


def andra_narvaro(*, traff: Tillfalle, lagg_till: Iterable[int], ta_bort: Iterable[int]) -> None:
    """Apply one person's ticks and unticks. Each tick is its own row, so two staff ticking
    the same meeting at the same time both count; a tick already there stays one."""
    tillatna = set(traff.omgang.deltaganden.values_list("pk", flat=True)) if traff.omgang else set()
    for pk in set(lagg_till) & tillatna:
        try:
            with transaction.atomic():
                Narvaro.objects.get_or_create(tillfalle=traff, deltagande_id=pk)
        except IntegrityError:
            pass  # a colleague ticked the same person a moment ago
    Narvaro.objects.filter(tillfalle=traff, deltagande_id__in=set(ta_bort) & tillatna).delete()


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
    _kontrollera(brott)
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
    _kontrollera(brott)
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
