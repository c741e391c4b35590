"""What a publication counts: the measures (`Matt`) with their breakdowns and means, and the
periods – the year and its half-years or tertials, revisions, the grace period for late
registrations (README, "Publicering och röjandeskydd")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from dokumentation import statistik
from uppfoljning.perioder import Period

# A villkor type's "inte uppfyllt" per insats and year: a row only where there is one or more.
VILLKORSTYP = "villkor_ej.typ."

KAT = "KAT"
#: After a sub-period's column: the sub-period as counted now, its frozen count plus every
#: revision of it ("2026-H1+"). Never published nor stored, audited (Bygge.nu).
NU = "+"
METOD = (
    "Cellundertryckning med heltalsgranskning (ILP) över alla tabeller, perioder och "
    "publiceringar av samma år"
)


@dataclass(frozen=True)
class Matt:
    nyckel: str
    rubrik: str
    delperiod: bool = False  # published per sub-period too, with revisions
    huvudtal: bool = False  # the board's headline per insats: hidden only as the very last resort
    indrag: bool = False
    # The whole catalogue's headline (the report's summary): hidden only when nothing but
    # headlines is left, and then before an insats's.
    sammanfattning: bool = False


#: Breakdowns published per year only (14 kap. 5 §, 11 kap. 5 §): each sums to its total.
AVBROTT = [
    Matt(f"avbrutna.orsak.{kod}", f"Avbrutna – orsak: {namn}", indrag=True)
    for kod, namn in [*statistik.AVBROTTSORSAKER, ("ej_angiven", "inte angiven")]
]
PROBLEM = [
    Matt(f"problem.kod.{kod}", f"Problem som uppstått: {namn}", indrag=True)
    for kod, namn in statistik.PROBLEM
]
OVER_TAKET = [
    Matt(f"over_taket.skal.{kod}", f"Tillfällen över taket – skäl: {namn}", indrag=True)
    for kod, namn in statistik.SKAL_OVER_TAK
]
#: The parts of these breakdowns: a part that is zero in every period is left out of a table.
DELRADER = {m.nyckel for m in [*AVBROTT, *PROBLEM, *OVER_TAKET]}
UTFALL = ["deltar", "vantelista", "hanvisad_ansoka", "hanvisad_namnd", "avbojde"]
MATT = [
    Matt("kontakter", "Kontakter", delperiod=True, sammanfattning=True),
    Matt("deltar", "– började delta", indrag=True),
    Matt("vantelista", "– väntelista till senare omgång", indrag=True),
    Matt("hanvisad_ansoka", "– hänvisade att ansöka om behovsprövad insats", True, indrag=True),
    Matt("hanvisad_namnd", "– hänvisade till nämnden", True, indrag=True),
    Matt("avbojde", "– avböjde", indrag=True),
    Matt("informerade", "Informerade om rätten att ansöka (11 kap. 6 §)"),
    Matt("ej_informerade", "Inte informerade om rätten att ansöka"),
    Matt("unika", "Deltagare (unika)", delperiod=True, huvudtal=True, sammanfattning=True),
    Matt("unga_utan_samtycke", "Unga 15–17 år utan vårdnadshavares samtycke (21 kap. 2 §)"),
    Matt("tillfallen", "Tillfällen", delperiod=True, huvudtal=True, sammanfattning=True),
    Matt("samtal", "– enskilda samtal", delperiod=True, indrag=True),
    Matt("grupptraffar", "– gruppträffar", delperiod=True, indrag=True),
    Matt("oppningar", "– öppningar av öppen verksamhet", delperiod=True, indrag=True),
    Matt("narvaro", "Närvaro vid gruppträffar"),
    Matt("besok", "Besök i öppen verksamhet", delperiod=True),
    Matt("avslutade", "Avslutade enligt plan"),
    Matt("avbrutna", "Avbrutna i förtid"),
    *AVBROTT,
    Matt("problem", "Problem som uppstått"),
    *PROBLEM,
    Matt("hanvisade_vid_tak", "Hänvisade att ansöka vid taket"),
    Matt("over_taket", "Tillfällen över taket (med skäl)"),
    *OVER_TAKET,
    Matt("vantelista_nu", "På väntelista vid årets slut"),
    Matt("villkor_ej", "Villkorssvar ”inte uppfyllt”"),
    Matt("avvisade", "Fritexter som stoppades för att de kunde röja identitet (14 kap. 4–5 §§)"),
    Matt("orosanmalningar", "Orosanmälningar"),
    Matt("nya_deltagarkoder", "Nya deltagarkoder"),
]
MATTEN = {m.nyckel: m for m in MATT}
#: total -> its parts, at every column where the total is published.
DELNINGAR = [
    ("kontakter", UTFALL),
    ("kontakter", ["informerade", "ej_informerade"]),
    ("tillfallen", ["samtal", "grupptraffar", "oppningar"]),
    ("avbrutna", [m.nyckel for m in AVBROTT]),
    ("problem", [m.nyckel for m in PROBLEM]),
    ("over_taket", [m.nyckel for m in OVER_TAKET]),
]
#: Tables by sex and age band, per insats and year, of these totals.
KON_ALDER = {"kontakter": "kon_alder", "besok": "besok_kon_alder"}
MEDEL = [
    ("vantetid", "Väntetid till plats, medel (dagar)"),
    ("maende_start", "Mående vid start (medel 1–5)"),
    ("maende_slut", "Mående vid slut (medel 1–5)"),
]


def troskel() -> int:
    return int(settings.ROJANDESKYDD_TROSKEL)


def delperiod() -> str:
    return str(settings.PUBLICERING_DELPERIOD)


def karens() -> datetime.timedelta:
    return datetime.timedelta(days=int(settings.PUBLICERING_KARENS_DAGAR))


def delperioder(ar: int, typ: str | None = None) -> list[Period]:
    typ = typ or delperiod()
    return [Period(ar, typ, nr) for nr in range(1, (3 if typ == "tertial" else 2) + 1)]


def ar_kolumn(kolumn: str) -> bool:
    return len(kolumn) == 4


def revision(kolumn: str, publicering: str) -> str:
    return f"{kolumn}@{publicering}"


def publiceras(period: Period) -> datetime.date:
    """The first day a period may be published."""
    return period.slut + karens() + datetime.timedelta(days=1)
