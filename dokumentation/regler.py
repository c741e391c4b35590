"""The rules for registering what happens in an insats, each a pure function named after its
paragraph in socialtjänstlagen (2025:400). Plain values in, a list of violations out; never
raises, never touches the database or the request. The forms show the violations next to the
field, and the services that write run the same functions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from identitetsskydd.granskning import granska
from insatser.regler import Overtradelse, VillkorLike, sol_14_kap_4_5_utan_identitet

SOL_11_5 = "11 kap. 5 § SoL"
SOL_11_6 = "11 kap. 6 § SoL"
SOL_14_3 = "14 kap. 3 § SoL"
SOL_14_4_5 = "14 kap. 4–5 §§ SoL"
SOL_21_2 = "21 kap. 2 § SoL"

UPPFYLLT, EJ_UPPFYLLT, OSAKERT = "uppfyllt", "ej_uppfyllt", "osakert"
DELTAR, VANTELISTA = "deltar", "vantelista"
HANVISAD_ANSOKA, HANVISAD_NAMND, AVBOJDE = "hanvisad_ansoka", "hanvisad_namnd", "avbojde"


def sol_14_kap_3_identifieras(*, dokumentationsregel: str, verksamhetssystem: str | None) -> bool:
    """14 kap. 3–5 §§: only a 14:3 insats documented in this system holds who the person is.
    14:4 and 14:5 (and both) hold no identity; a 14:3 insats documented in an external case
    system records only participation and sessions here."""
    return (
        not sol_14_kap_4_5_utan_identitet(dokumentationsregel)
        and not (verksamhetssystem or "").strip()
    )


def sol_14_kap_4_5_fritext(text: str, *, falt: str) -> list[Overtradelse]:
    """14 kap. 4–5 §§: a record without identity holds nothing that can reveal who the person
    is. Free text is read by the identity guard (identitetsskydd.granskning: personnummer,
    samordningsnummer, phone numbers, e-mail, addresses and personal names) before anything
    is saved; the database refuses the same patterns."""
    return [
        Overtradelse(
            kod=f"fritext_{f.kod}",
            meddelande=(
                f"Texten verkar innehålla {f.vad} ({f.kortat}). Anonyma uppgifter får inte "
                f"innehålla något som kan röja vem personen är ({SOL_14_4_5}); ta bort det."
            ),
            regel=SOL_14_4_5,
            falt=falt,
        )
        for f in granska(text)
    ]


def sol_14_kap_4_5_fritexter(texter: dict[str, str], *, identifierad: bool) -> list[Overtradelse]:
    """14 kap. 4–5 §§ for the free texts of one record: read by the identity guard unless the
    record is identified (14 kap. 3 §), where they are part of the person's documentation."""
    if identifierad:
        return []
    return [o for falt, text in texter.items() for o in sol_14_kap_4_5_fritext(text, falt=falt)]


def sol_14_kap_3_5_identitet(
    *, identifieras: bool, har_person: bool, deltar: bool
) -> list[Overtradelse]:
    """14 kap. 3–5 §§ at registration: a name and personnummer only where the insats is
    documented in full here, and there they are required of everyone who takes part."""
    if har_person and not identifieras:
        return [
            Overtradelse(
                kod="identitet_ej_tillaten",
                falt=None,
                regel=SOL_14_4_5,
                meddelande="Insatsen dokumenteras utan identitet: namn och personnummer får inte "
                "registreras.",
            )
        ]
    if not har_person and identifieras and deltar:
        return [
            Overtradelse(
                kod="identitet_saknas",
                falt="personnummer",
                regel=SOL_14_3,
                meddelande="Insatsen dokumenteras fullt ut (14 kap. 3 §): ange personnummer och "
                "namn.",
            )
        ]
    return []


def sol_11_kap_6_information(*, informerad: bool) -> list[Overtradelse]:
    """11 kap. 6 §: everyone who turns to the utförare is told that they may apply for
    needs-assessed insatser, whatever the outcome; it is confirmed before anything is saved."""
    if informerad:
        return []
    return [
        Overtradelse(
            kod="information_saknas",
            meddelande="Bekräfta att personen har fått information om rätten att ansöka om "
            f"behovsprövade insatser ({SOL_11_6}). Det krävs innan något sparas.",
            regel=SOL_11_6,
            falt="informerad",
        )
    ]


def _alder_inom(v: VillkorLike, alder: int) -> bool:
    return (v.min_alder is None or alder >= v.min_alder) and (
        v.max_alder is None or alder <= v.max_alder
    )


def sol_11_kap_5_summarisk_kontroll(
    villkor: Sequence[VillkorLike],
    svar: Sequence[str | None],
    *,
    alder: int | None,
    barnets_alder: int | None,
) -> list[Overtradelse]:
    """11 kap. 5 §: the utförare checks each villkor summarily – met, not met or unsure – and
    nothing more. An answer that contradicts the age given is refused."""
    fel = []
    for nr, (v, s) in enumerate(zip(villkor, svar, strict=True), start=1):
        if s not in (UPPFYLLT, EJ_UPPFYLLT, OSAKERT):
            fel.append(
                Overtradelse(
                    kod="svar_saknas",
                    meddelande="Svara på villkoret.",
                    regel=SOL_11_5,
                    falt=f"villkor_{nr}",
                    nr=nr,
                )
            )
            continue
        if v.typ != "alder" or s == OSAKERT:
            continue
        galler = barnets_alder if v.avser == "barnet" else alder
        if galler is None:
            continue
        if (s == UPPFYLLT) != _alder_inom(v, galler):
            vem = "barnets ålder" if v.avser == "barnet" else "åldern"
            fel.append(
                Overtradelse(
                    kod="svar_motsager_alder",
                    meddelande=f"Svaret stämmer inte med {vem} ({galler} år).",
                    regel=SOL_11_5,
                    falt=f"villkor_{nr}",
                    nr=nr,
                )
            )
    return fel


def tillatna_utfall(svar: Sequence[str | None]) -> frozenset[str]:
    """11 kap. 5 § and 11 kap. 1 §: all met – the person must be accepted (or waits for a
    round, or declines); unsure – referred to the nämnd; not met – told they may apply for
    the insats with a needs assessment."""
    if EJ_UPPFYLLT in svar:
        return frozenset({HANVISAD_ANSOKA, AVBOJDE})
    if OSAKERT in svar:
        return frozenset({HANVISAD_NAMND, AVBOJDE})
    return frozenset({DELTAR, VANTELISTA, AVBOJDE})


def sol_11_kap_5_utfall(*, svar: Sequence[str | None], utfall: str) -> list[Overtradelse]:
    if utfall in tillatna_utfall(svar):
        return []
    if EJ_UPPFYLLT in svar:
        text = (
            "Ett villkor är inte uppfyllt: personen ska få veta att hen kan ansöka om "
            "insatsen med behovsprövning (11 kap. 1 §). Välj ”Hänvisad att ansöka”."
        )
    elif OSAKERT in svar:
        text = "Vid tveksamhet hänvisas personen till nämnden. Välj ”Hänvisad till nämnden”."
    else:
        text = (
            "Alla villkor är uppfyllda: personen ska tas emot. Ingen annan bedömning får "
            "göras av utföraren."
        )
    return [
        Overtradelse(kod="utfall_strider_mot_svar", meddelande=text, regel=SOL_11_5, falt="utfall")
    ]


@dataclass(frozen=True)
class Samtyckeskrav:
    """A consent villkor of the catalogue: consent needed while younger than under_alder."""

    under_alder: int | None
    antal: str | None


_SAMTYCKESNIVA = {"ingen": 0, "en": 1, "alla": 2}
_KRAVNIVA = {"en": 1, "bada": 2, "samtliga": 2, None: 1}


def samtycke_kravs(*, alder: int | None, utan_samtycke_fran_15: bool | None) -> bool:
    """21 kap. 2 §: a child's guardians consent, unless the nämnd has decided for the insats
    that it may be given from 15 without it."""
    if alder is None or alder >= 18:
        return False
    return not (alder >= 15 and utan_samtycke_fran_15)


def sol_21_kap_2_alder_kravs(
    *, alder: int | None, villkor: Sequence[VillkorLike], unga_utan_samtycke: bool, deltar: bool
) -> list[Overtradelse]:
    """21 kap. 2 § and 11 kap. 5 §: whoever takes part gives their age where anything depends
    on it – an age villkor, a guardian's consent, the nämnd's decision for young people from
    15 – so that no check is skipped for want of it."""
    beror = unga_utan_samtycke or any(
        (v.typ == "alder" and (v.avser or "deltagaren") == "deltagaren")
        or v.typ == "vardnadshavares_samtycke"
        for v in villkor
    )
    if alder is None and deltar and beror:
        return [
            Overtradelse(
                kod="alder_kravs",
                regel=SOL_21_2,
                falt="alder",
                meddelande="Ange ålder eller födelseår: villkoren eller samtycket för barn "
                "beror på den.",
            )
        ]
    return []


def sol_21_kap_2_fragor(
    villkor: Sequence[VillkorLike], *, unga_utan_samtycke: bool
) -> tuple[bool, bool]:
    """21 kap. 2 § at the contact: which questions about children the form asks – a guardian's
    consent, and whether a young person of 15–17 wants it themselves – given the ages the
    catalogue's villkor let take part. An insats only for adults asks neither; one the nämnd
    opened from 15 without consent asks for consent only if someone under 15 can take
    part."""
    lagst, hogst = 0, 120
    for v in villkor:
        if v.typ == "alder" and (v.avser or "deltagaren") == "deltagaren":
            lagst = max(lagst, v.min_alder or 0)
            hogst = min(hogst, 120 if v.max_alder is None else v.max_alder)
    samtycke = lagst <= min(hogst, 14 if unga_utan_samtycke else 17)
    unga = max(lagst, 15) <= min(hogst, 17)
    return samtycke, unga


def sol_21_kap_2_samtycke(
    *,
    alder: int | None,
    krav: Sequence[Samtyckeskrav],
    utan_samtycke_fran_15: bool | None,
    samtycke: str | None,
    unga_vill: bool,
) -> list[Overtradelse]:
    """21 kap. 2 §: under 15, the consent the catalogue demands (one or all guardians) is
    recorded before starting. From 15 on an insats the nämnd marked, no consent is asked and
    nothing about guardians is stored, and the young person must want it. Otherwise consent
    is required until 18."""
    if alder is not None and alder < 18 and not unga_vill and alder >= 15:
        return [
            Overtradelse(
                kod="unga_vill_ej",
                regel=SOL_21_2,
                falt="unga_vill",
                meddelande="Den unga måste själv vilja ta del av insatsen.",
            )
        ]
    if not samtycke_kravs(alder=alder, utan_samtycke_fran_15=utan_samtycke_fran_15):
        if samtycke and alder is not None and alder < 18:
            return [
                Overtradelse(
                    kod="samtycke_ska_ej_lagras",
                    regel=SOL_21_2,
                    falt="samtycke",
                    meddelande="Nämnden har beslutat att insatsen ges från 15 år utan "
                    "vårdnadshavares samtycke. Inget om vårdnadshavarna ska registreras.",
                )
            ]
        return []
    assert alder is not None  # noqa: S101 - samtycke_kravs is False without an age
    galler = [k for k in krav if k.under_alder is None or alder < k.under_alder]
    behov = max((_KRAVNIVA.get(k.antal, 1) for k in galler), default=1)
    if _SAMTYCKESNIVA.get(samtycke or "ingen", 0) >= behov:
        return []
    vems = "alla vårdnadshavare" if behov == 2 else "en vårdnadshavare"
    return [
        Overtradelse(
            kod="samtycke_saknas",
            regel=SOL_21_2,
            falt="samtycke",
            meddelande=f"För ett barn som är {alder} år krävs samtycke från {vems} innan "
            "insatsen börjar.",
        )
    ]


#: The codes of `dokumentation.val.SkalOverTak` (a test keeps the two the same).
SKAL_OVER_TAK = frozenset({"ansokan_pagar", "avslutande", "akut", "omgangen_slutfors", "annat"})


def manader_efter(dag: datetime.date, manader: int) -> datetime.date:
    """The same day `manader` months later, the month's last day where it is shorter (as
    PostgreSQL's date + interval, which the database's guard uses)."""
    ar, manad = divmod(dag.month - 1 + manader, 12)
    ar, manad = dag.year + ar, manad + 1
    sista = (datetime.date(ar + manad // 12, manad % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(ar, manad, min(dag.day, sista))


def sol_11_kap_5_tak(
    *,
    antal_tillfallen: int,
    max_tillfallen: int | None,
    startdatum: datetime.date,
    idag: datetime.date,
    max_manader: int | None,
    skal: str = "",
) -> list[Overtradelse]:
    """11 kap. 5 § and 11 kap. 1 §: the nämnd caps what is given without assessment, in
    sessions and in time, and both caps work the same way for talks and group meetings alike.
    At a cap (`antal_tillfallen` already given, a session on `idag`) more needs an application
    and a needs assessment: the person is offered a referral to apply. One more session is
    registered only by an explicit choice with a reason (`skal`, one of SKAL_OVER_TAK), which is
    stored with the session and counted; without one, the violations say the cap is reached."""
    fel = []
    if max_tillfallen is not None and antal_tillfallen >= max_tillfallen:
        fel.append(
            Overtradelse(
                kod="tak_tillfallen",
                regel=SOL_11_5,
                falt="over_taket",
                meddelande=f"Deltagandet har nått taket på {max_tillfallen} tillfällen utan "
                "behovsprövning. Mer kräver en ansökan och behovsprövning (11 kap. 1 §).",
            )
        )
    if max_manader is not None and idag >= manader_efter(startdatum, max_manader):
        fel.append(
            Overtradelse(
                kod="tak_varaktighet",
                regel=SOL_11_5,
                falt="over_taket",
                meddelande=f"Deltagandet har pågått i {max_manader} månader, den längsta tid "
                "insatsen ges utan behovsprövning. Mer kräver en ansökan (11 kap. 1 §).",
            )
        )
    return [] if skal in SKAL_OVER_TAK else fel


def sol_11_kap_5_ny_kods_start(
    *, tidigare_start: datetime.date | None, datum: datetime.date, max_manader: int | None
) -> list[Overtradelse]:
    """11 kap. 5 §: a new deltagarkod for someone who lost their card continues the old code's
    time as well as its talks, or the longest time without assessment would start over with
    every lost card. Where the insats has such a limit, staff give the day the person began
    (roughly is enough); it lies on or before the new code's first day."""
    if tidigare_start is None:
        if max_manader is None:
            return []
        return [
            Overtradelse(
                kod="tidigare_start_saknas",
                regel=SOL_11_5,
                falt="tidigare_start",
                meddelande=f"Ange ungefär när personen började. Insatsen ges utan "
                f"behovsprövning i högst {max_manader} månader, räknat från den dagen.",
            )
        ]
    if tidigare_start > datum:
        return [
            Overtradelse(
                kod="tidigare_start_efter",
                regel=SOL_11_5,
                falt="tidigare_start",
                meddelande=f"Personen började före den nya koden: ange en dag senast "
                f"{datum:%Y-%m-%d}.",
            )
        ]
    return []


def sol_11_kap_5_omgang(
    *,
    antal_traffar: int | None,
    min_deltagare: int | None,
    max_deltagare: int | None,
    max_tillfallen: int | None,
    gruppstorlek_min: int | None,
    gruppstorlek_max: int | None,
) -> list[Overtradelse]:
    """11 kap. 5 §: a round of a group insats is given within what the nämnd decided – no more
    meetings than the insats's cap on sessions, and a group size within the catalogue's. The
    round's own size is then checked at intake (a full round takes nobody more)."""
    fel = []
    if antal_traffar is not None and max_tillfallen is not None and antal_traffar > max_tillfallen:
        fel.append(
            Overtradelse(
                kod="omgang_over_tak",
                regel=SOL_11_5,
                falt="antal_traffar",
                meddelande=f"Nämnden har beslutat högst {max_tillfallen} tillfällen utan "
                "behovsprövning för insatsen; en omgång kan inte ha fler träffar.",
            )
        )
    if (
        max_deltagare is not None
        and gruppstorlek_max is not None
        and max_deltagare > gruppstorlek_max
    ):
        fel.append(
            Overtradelse(
                kod="grupp_over_katalogen",
                regel=SOL_11_5,
                falt="max_deltagare",
                meddelande=f"Katalogen anger högst {gruppstorlek_max} deltagare per omgång.",
            )
        )
    if (
        min_deltagare is not None
        and gruppstorlek_min is not None
        and min_deltagare < gruppstorlek_min
    ):
        fel.append(
            Overtradelse(
                kod="grupp_under_katalogen",
                regel=SOL_11_5,
                falt="min_deltagare",
                meddelande=f"Katalogen anger minst {gruppstorlek_min} deltagare per omgång.",
            )
        )
    return fel


# What every record's dates and endings must satisfy: not a law's paragraph, but defined here
# once, as the rules are, and called from the forms, the services and the import alike.


def datumfel(
    datum: datetime.date,
    *,
    idag: datetime.date,
    tidigast: datetime.date | None = None,
    falt: str = "datum",
    fore: str = "starten",
    atgard: str = "",
) -> list[Overtradelse]:
    """A record's date: never in the future, never before what it belongs to (the start of
    the participation, the contact that began it: `fore` names which, `atgard` says what to
    do about it)."""
    if datum > idag:
        return [
            Overtradelse(
                kod="datum_framtid",
                regel="",
                falt=falt,
                meddelande="Datumet kan inte ligga i framtiden.",
            )
        ]
    if tidigast and datum < tidigast:
        return [
            Overtradelse(
                kod="datum_fore_start",
                regel="",
                falt=falt,
                meddelande=" ".join(
                    t for t in (f"Datumet ligger före {fore} {tidigast:%Y-%m-%d}.", atgard) if t
                ),
            )
        ]
    return []


def datum_efter(
    datum: datetime.date,
    *,
    senast: datetime.date | None,
    vad: str,
    falt: str = "datum",
    atgard: str = "",
) -> list[Overtradelse]:
    """A record's date not after what must come after it (a contact after the participation
    it began, a start after the first talk or the end)."""
    if senast is not None and datum > senast:
        return [
            Overtradelse(
                kod="datum_efter",
                regel="",
                falt=falt,
                meddelande=" ".join(
                    t for t in (f"Datumet ligger efter {vad} {senast:%Y-%m-%d}.", atgard) if t
                ),
            )
        ]
    return []


def avbrott_utan_orsak(*, avbrott: bool, avbrottsorsak: str) -> list[Overtradelse]:
    """A participation that stopped early says why (14 kap. 5 §: reasons for stopping early
    are followed up)."""
    if avbrott and not avbrottsorsak:
        return [
            Overtradelse(
                kod="orsak_saknas",
                regel="",
                falt="avbrottsorsak",
                meddelande="Ange orsaken till avbrottet.",
            )
        ]
    return []


def gruppstorlek_fel(*, min_deltagare: int | None, max_deltagare: int | None) -> list[Overtradelse]:
    """A round's size: at most never below at least."""
    if min_deltagare is not None and max_deltagare is not None and min_deltagare > max_deltagare:
        return [
            Overtradelse(
                kod="gruppstorlek",
                regel="",
                falt="max_deltagare",
                meddelande="Högsta antal kan inte vara lägre än minsta antal.",
            )
        ]
    return []


def alder_pa_dag(fodd: datetime.date, dag: datetime.date) -> int:
    """Whole years from birth to the day."""
    return dag.year - fodd.year - ((dag.month, dag.day) < (fodd.month, fodd.day))


def alder_motsager(
    *,
    dag: datetime.date,
    alder: int | None,
    fodelsear: int | None = None,
    fodd: datetime.date | None = None,
) -> list[Overtradelse]:
    """What is said of someone's age agrees with itself: an age and a birth year, or an age
    and the birth date in a personnummer, given together must fit on the day of the contact."""
    fel = []
    if (
        alder is not None
        and fodelsear is not None
        and alder
        not in (
            dag.year - fodelsear - 1,
            dag.year - fodelsear,
        )
    ):
        fel.append(
            Overtradelse(
                kod="fodelsear_motsager_alder",
                regel="",
                falt="fodelsear",
                meddelande=f"Födelseåret {fodelsear} stämmer inte med åldern {alder} år.",
            )
        )
    if alder is not None and fodd is not None and alder != alder_pa_dag(fodd, dag):
        fel.append(
            Overtradelse(
                kod="alder_motsager_personnummer",
                regel="",
                falt="alder",
                meddelande=f"Åldern stämmer inte med personnumret: personen är "
                f"{alder_pa_dag(fodd, dag)} år.",
            )
        )
    return fel


def datum_fore_insatsen(
    datum: datetime.date, *, galler_fran: datetime.date | None, falt: str = "datum"
) -> list[Overtradelse]:
    """11 kap. 5 §: nothing is registered under an insats before the nämnd's decision put it in
    force."""
    if galler_fran is not None and datum < galler_fran:
        return [
            Overtradelse(
                kod="fore_insatsen",
                regel=SOL_11_5,
                falt=falt,
                meddelande=f"Insatsen gäller från {galler_fran:%Y-%m-%d}; datumet ligger före.",
            )
        ]
    return []


# Where each value typed at a contact is kept: the first talk only for someone who takes part
# now; the round, the start values, who the person is and the guardians' consent for someone
# who takes part or waits for a round. Anything else would be dropped without a word.
SPARAS_VID_UTFALL: dict[str, frozenset[str]] = {
    "samtal_minuter": frozenset({DELTAR}),
    **{
        falt: frozenset({DELTAR, VANTELISTA})
        for falt in (
            "omgang",
            "maende_start",
            "boende_start",
            "sysselsattning_start",
            "personnummer",
            "fornamn",
            "efternamn",
            "samtycke",
        )
    },
}


def inget_tappas_vid_utfallet(*, utfall: str, ifyllda: Sequence[str]) -> list[Overtradelse]:
    """Nothing typed is dropped when the outcome changes: a value the outcome has no place for
    (the first talk's minutes when the person is referred on, a name for someone who declined)
    is refused next to its field, so the user clears it or picks the outcome it belongs to."""
    fel = []
    for falt in ifyllda:
        sparas = SPARAS_VID_UTFALL.get(falt)
        if sparas is None or utfall in sparas:
            continue
        vem = "börjar delta" if sparas == {DELTAR} else "börjar delta eller väntar på en omgång"
        fel.append(
            Overtradelse(
                kod="sparas_inte_vid_utfallet",
                regel="",
                falt=falt,
                meddelande=f"Sparas bara för den som {vem}. Töm fältet, eller välj det "
                "utfallet om det stämmer.",
            )
        )
    return fel


def ett_ar_tillbaka(idag: datetime.date) -> datetime.date:
    """The same day a year ago (28 February for a 29 February)."""
    try:
        return idag.replace(year=idag.year - 1)
    except ValueError:
        return idag.replace(year=idag.year - 1, day=28)


def datum_langt_tillbaka(
    datum: datetime.date, *, idag: datetime.date, orsak: str
) -> list[Overtradelse]:
    """A date more than a year back is a typing mistake (1999 for 2025) or a late
    registration: it lands in a period that may already be published, where it shows as a
    revision. It is saved only with a reason, chosen from codes and kept with the record."""
    if datum >= ett_ar_tillbaka(idag) or orsak:
        return []
    return [
        Overtradelse(
            kod="efterregistrering_utan_orsak",
            regel="",
            falt="efterregistrering",
            meddelande=f"Datumet {datum:%Y-%m-%d} ligger mer än ett år tillbaka. Rätta det, "
            "eller ange varför det registreras så långt i efterhand.",
        )
    ]
