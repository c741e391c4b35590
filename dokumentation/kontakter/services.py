"""Registering a contact: the villkor check and the outcome, and where the contact leads on to
taking part, the participation (with its person under 14 kap. 3 §, or a deltagarkod), its
first talk or its place in a round, in one transaction."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from personnummer import personnummer

from dokumentation import en_sats as sats
from dokumentation import regler
from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.deltagande.services import dra_kod, ny_kod_vid_krock, spara_med_kod
from dokumentation.gemensamt import ANVAND_NYCKEL, en_gang, kontrollera, utforare_for_insats
from dokumentation.kontakter import en_sats
from dokumentation.kontakter.models import Avvisning, Kontakt, Villkorssvar
from dokumentation.tillfallen.models import Omgang, Tillfalle
from dokumentation.tillfallen.services import ledigt_i
from dokumentation.val import Aldersgrupp, Utfall
from insatser.historik import i_kraft_pa, perioder_i_kraft
from insatser.models import Insats, Villkor
from insatser.regler import Overtradelse
from insatser.services import RegelBrott, villkorens_varden
from organisation.models import Anvandare


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
    efterregistrering: str = ""


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
    brott += regler.datum_fore_insatsen(
        uppgifter.datum, perioder=perioder_i_kraft(insats, uppgifter.datum)
    )
    if person is not None:
        brott += regler.alder_motsager(
            dag=uppgifter.datum, alder=uppgifter.alder, fodd=fodd_av(person.personnummer)
        )
    brott += regler.sol_11_kap_5_summarisk_kontroll(
        villkor, uppgifter.svar, alder=uppgifter.alder, barnets_alder=uppgifter.barnets_alder
    )
    brott += regler.sol_11_kap_5_utfall(svar=uppgifter.svar, utfall=uppgifter.utfall)
    brott += regler.sol_21_kap_2_alder_kravs(
        alder=uppgifter.alder,
        villkor=villkor,
        unga_utan_samtycke=insats.unga_utan_samtycke,
        deltar=uppgifter.utfall in (Utfall.DELTAR, Utfall.VANTELISTA),
    )
    if uppgifter.utfall in (Utfall.DELTAR, Utfall.VANTELISTA):
        krav = [
            regler.Samtyckeskrav(v.under_alder, v.antal)
            for v in villkor
            if v.typ == Villkor.Typ.VARDNADSHAVARES_SAMTYCKE
        ]
        brott += regler.sol_21_kap_2_samtycke(
            alder=uppgifter.alder,
            krav=krav,
            utan_samtycke_fran_15=insats.unga_utan_samtycke,
            samtycke=uppgifter.samtycke or None,
            unga_vill=uppgifter.unga_vill,
        )
    identifieras = regler.sol_14_kap_3_identifieras(
        dokumentationsregel=insats.dokumentationsregel, verksamhetssystem=insats.verksamhetssystem
    )
    brott += regler.sol_14_kap_3_5_identitet(
        identifieras=identifieras,
        har_person=person is not None,
        deltar=uppgifter.utfall == Utfall.DELTAR,
    )
    return brott


def fodd_av(nummer: str) -> datetime.date | None:
    """The birth date a personnummer or samordningsnummer carries (the reference library
    reads it, as the form's check does); None for one it cannot read."""
    try:
        fodd: datetime.date = personnummer.Personnummer(nummer).get_date()
    except (personnummer.PersonnummerException, ValueError, TypeError):
        return None
    return fodd


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

    return ny_kod_vid_krock(lambda: en_gang(skapa, befintlig))


def _registrera_kontakt(
    *,
    person: Personuppgifter | None,
    omgang: Omgang | None,
    forsta_samtal_minuter: int | None,
    **uppgifter: object,
) -> Kontakt:
    """The common case – no person, no round, no first talk – is written in one statement
    (en_sats); the rest in a transaction through the ORM. The same rules run first in both."""
    i_en_sats = person is None and omgang is None and forsta_samtal_minuter is None and sats.finns()
    with sats.som_en_sats() if i_en_sats else transaction.atomic():
        return _registrera(
            person=person,
            omgang=omgang,
            forsta_samtal_minuter=forsta_samtal_minuter,
            i_en_sats=i_en_sats,
            **uppgifter,  # type: ignore[arg-type]
        )


def _registrera(
    *,
    anvandare: Anvandare,
    insats: Insats,
    uppgifter: Kontaktuppgifter,
    start: Startuppgifter,
    person: Personuppgifter | None,
    omgang: Omgang | None,
    forsta_samtal_minuter: int | None,
    nyckel: uuid.UUID,
    i_en_sats: bool,
) -> Kontakt:
    utforare = utforare_for_insats(insats)
    villkor = list(insats.villkor.all())
    # The rules as the nämnd's decisions stood on the contact's day (insatser.historik): the
    # caps and the 21 kap. 2 § decision of that day's version; villkor and documentation
    # rule as the form asked them, which must be that day's too.
    pa_dagen, villkor_pa_dagen = i_kraft_pa(insats, uppgifter.datum)
    brott = andrat_efter_dagen(insats, pa_dagen, villkor, villkor_pa_dagen)
    kontrollera(brott)
    brott = kontaktens_regelbrott(
        insats=pa_dagen, villkor=villkor, uppgifter=uppgifter, person=person
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
        elif uppgifter.utfall == Utfall.DELTAR and ledigt_i(omgang) <= 0:
            brott.append(
                Overtradelse(
                    kod="omgang_full",
                    regel=regler.SOL_11_5,
                    falt="omgang",
                    meddelande="Omgången är full. Sätt personen på väntelistan till en senare "
                    "omgång.",
                )
            )
    # The guardians' consent is left out here: with another outcome it is simply not asked
    # for (sol_21_kap_2_samtycke runs only for who takes part), and the form refuses it.
    ifyllda = {
        "samtal_minuter": forsta_samtal_minuter,
        "omgang": omgang,
        "personnummer": person,
        "maende_start": start.maende_start,
        "boende_start": start.boende_start,
        "sysselsattning_start": start.sysselsattning_start,
    }
    brott += regler.inget_tappas_vid_utfallet(
        utfall=uppgifter.utfall, ifyllda=[f for f, v in ifyllda.items() if v not in (None, "")]
    )
    kontrollera(brott)
    deltar = uppgifter.utfall in (Utfall.DELTAR, Utfall.VANTELISTA)
    barn_utan_vardnadshavare = (
        uppgifter.alder is not None
        and uppgifter.alder < 18
        and not regler.samtycke_kravs(
            alder=uppgifter.alder, utan_samtycke_fran_15=pa_dagen.unga_utan_samtycke
        )
    )
    kontakt = Kontakt(
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
        efterregistrering=uppgifter.efterregistrering,
    )

    def ny(*, personen: Person | None, omgang: Omgang | None) -> Deltagande:
        return Deltagande.for_insats(
            insats,
            i_kraft=pa_dagen,
            kontakt=kontakt,
            utforare=utforare,
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

    svar = [
        Villkorssvar(kontakt=kontakt, villkor_typ=v.typ, villkor=v, svar=s)
        for v, s in zip(villkor, uppgifter.svar, strict=True)
        if s
    ]
    if i_en_sats:
        deltagande = None
        if deltar:
            deltagande = ny(personen=None, omgang=None)
            dra_kod(deltagande)
        en_sats.skriv(kontakt, svar, deltagande)
        return kontakt
    kontakt.save(force_insert=True)
    Villkorssvar.objects.bulk_create(svar)
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
    deltagande = ny(personen=personen, omgang=omgang)
    spara_med_kod(deltagande)
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


def andrat_efter_dagen(
    insats: Insats, pa_dagen: Insats, villkor: Sequence[Villkor], villkor_pa_dagen: list[Villkor]
) -> list[Overtradelse]:
    """A contact dated before a later decision changed the insats's villkor (or its
    documentation rule) cannot be checked with today's form: say so at the date."""
    if (
        villkorens_varden(villkor) == villkorens_varden(villkor_pa_dagen)
        and pa_dagen.dokumentationsregel == insats.dokumentationsregel
        and (pa_dagen.verksamhetssystem or "").strip() == (insats.verksamhetssystem or "").strip()
    ):
        return []
    fran = insats.version_galler_fran
    return [
        Overtradelse(
            kod="andrad_efter_dagen",
            regel=regler.SOL_11_5,
            falt="datum",
            meddelande=f"Nämnden ändrade insatsens villkor genom ett beslut som gäller från "
            f"{fran:%Y-%m-%d}. Formuläret visar villkoren som gäller nu, så en kontakt före "
            "den dagen kan inte registreras här. Ange ett datum från den dagen, eller be "
            "nämndsekreteraren om hjälp.",
        )
    ]


def registrera_avvisningar(*, insats: Insats, koder: Iterable[str]) -> None:
    """Count free texts refused under 14 kap. 4–5 §§ for the internal control; what the text
    said is never kept."""
    Avvisning.objects.bulk_create(
        Avvisning(insats=insats, kod=kod) for kod in koder if kod.startswith("fritext_")
    )
