"""The follow-up's indicators, as boards read them: indicators × three years with a
development column, every count passed through disclosure control before anyone sees it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dokumentation import statistik
from uppfoljning.perioder import Period
from uppfoljning.rojandeskydd import (
    SEKUNDAR,
    Cell,
    SkyddadTabell,
    skydda_medel,
    skydda_tabell,
    skydda_tal,
    skydda_uppdelning,
)

UTFALL_RADER = [
    ("deltar", "– började delta"),
    ("vantelista", "– väntelista till senare omgång"),
    ("hanvisad_ansoka", "– hänvisade att ansöka om behovsprövad insats"),
    ("hanvisad_namnd", "– hänvisade till nämnden"),
    ("avbojde", "– avböjde"),
]
ENKLA_RADER = [
    ("villkor_ej", "Villkorssvar ”inte uppfyllt”"),
    ("unika", "Deltagare (unika)"),
    ("unga_utan_samtycke", "Unga 15–17 år utan vårdnadshavares samtycke (21 kap. 2 §)"),
    ("samtal", "Enskilda samtal"),
    ("grupptraffar", "Gruppträffar"),
    ("narvaro", "Närvaro vid gruppträffar"),
    ("oppningar", "Öppningar av öppen verksamhet"),
    ("besok", "Besök i öppen verksamhet"),
    ("avslutade", "Avslutade enligt plan"),
    ("avbrutna", "Avbrutna i förtid"),
    ("hanvisade_vid_tak", "Hänvisade att ansöka vid taket"),
    ("vantelista_nu", "På väntelista vid periodens slut"),
    ("avvisade", "Fritexter som stoppades för att de kunde röja identitet (14 kap. 4–5 §§)"),
]
KON = [("kvinna", "Kvinnor"), ("man", "Män"), ("annat", "Annat"), ("uppger_ej", "Uppger ej")]
ALDERSGRUPPER = [
    ("0-12", "0–12"),
    ("13-14", "13–14"),
    ("15-17", "15–17"),
    ("18-24", "18–24"),
    ("25-44", "25–44"),
    ("45-64", "45–64"),
    ("65-", "65+"),
    ("okand", "Okänd"),
]


class Underlag:
    """Every statistic of one period, computed once in the database grouped by insats, so a
    report over the whole catalogue costs the same few queries as one insats."""

    def __init__(
        self,
        period: Period,
        insatser: Sequence[int] | None = None,
        urval: statistik.Urval | None = None,
    ) -> None:
        self.period = period
        self.urval = urval or statistik.Urval(
            period.start, period.slut, tuple(insatser) if insatser is not None else None
        )
        with statistik.samlat():  # what is kept of the period, written once
            kontakter, self.kon_alder = statistik.kontakter(self.urval)
            tillfallen, self.besok = statistik.tillfallen(self.urval)
            avslut = statistik.avslut(self.urval)
            self.per_insats: list[dict[int, dict[str, Any]]] = [
                kontakter,
                tillfallen,
                avslut.antal,
                statistik.deltagare(self.urval),
                statistik.vantetid(self.urval),
                {i: {"avvisade": n} for i, n in statistik.avvisade_fritexter(self.urval).items()},
            ]
            self.villkor = statistik.ej_uppfyllda_villkor(self.urval)
        self.social = avslut.social
        self.maende = avslut.maende
        self._siffror: dict[frozenset[int] | None, dict[str, Any]] = {}

    @classmethod
    def flera(
        cls, perioder: Sequence[Period], insatser: Sequence[int] | None = None
    ) -> list[Underlag]:
        """The periods of one table, computed together: each table is read once for all of
        them where a row belongs to one period only, and what is kept is written once."""
        urval = statistik.Urval.flera([(p.start, p.slut) for p in perioder], insatser)
        with statistik.samlat():
            return [cls(p, insatser, u) for p, u in zip(perioder, urval, strict=True)]

    def siffror(self, insatser: Sequence[int] | None = None) -> dict[str, Any]:
        """Counts summed over the given insatser (all when None). Remembered per selection, as
        a report asks for each insats more than once; the result must not be changed."""
        nyckel = None if insatser is None else frozenset(insatser)
        if nyckel not in self._siffror:
            self._siffror[nyckel] = self._summera(nyckel)
        return self._siffror[nyckel]

    def _summera(self, valda: frozenset[int] | None) -> dict[str, Any]:
        def utvalda(per_insats: dict[int, Any]) -> list[Any]:
            # Looked up per chosen insats, so one insats costs the same whatever the catalogue.
            if valda is None:
                return list(per_insats.values())
            return [per_insats[i] for i in valda if i in per_insats]

        ut: dict[str, Any] = {}
        for per_insats in self.per_insats:
            for varden in utvalda(per_insats):
                for k, v in varden.items():
                    ut[k] = ut.get(k, 0) + v
        if valda is None or len(valda) > 1:
            # A person in two insatser is one person for the whole catalogue.
            urval = statistik.Urval(
                self.urval.start,
                self.urval.slut,
                None if valda is None else tuple(sorted(valda)),
            )
            ut["unika"] = statistik.unika_personer_totalt(urval)
        ut["villkor_per_typ"] = {}
        for per_typ in utvalda(self.villkor):
            for typ, n in per_typ.items():
                ut["villkor_per_typ"][typ] = ut["villkor_per_typ"].get(typ, 0) + n
        ut["villkor_ej"] = sum(ut["villkor_per_typ"].values())
        maende = utvalda(self.maende)
        antal = sum(m["antal"] for m in maende)
        ut["maende_antal"] = antal
        ut["maende_start"] = sum(m["start"] * m["antal"] for m in maende) / antal if antal else None
        ut["maende_slut"] = sum(m["slut"] * m["antal"] for m in maende) / antal if antal else None
        for namn, kalla in (("kon_alder", self.kon_alder), ("besok_kon_alder", self.besok)):
            ut[namn] = {}
            for per_cell in utvalda(kalla):
                for cell, n in per_cell.items():
                    ut[namn][cell] = ut[namn].get(cell, 0) + n
        ut["social"] = {}
        for per_falt in utvalda(self.social):
            for falt, per_kod in per_falt.items():
                for kod, n in per_kod.items():
                    ut["social"].setdefault(falt, {})
                    ut["social"][falt][kod] = ut["social"][falt].get(kod, 0) + n
        return ut


@dataclass
class Rad:
    rubrik: str
    celler: list[Cell]
    utveckling: str = ""
    indrag: bool = False
    nyckel: str = ""


@dataclass
class Indikatortabell:
    perioder: list[Period]
    rader: list[Rad] = field(default_factory=list)


def utveckling(celler: Sequence[Cell]) -> str:
    if len(celler) < 2 or celler[-1].dold or celler[-2].dold:
        return "–"
    fore, nu = celler[-2].varde, celler[-1].varde
    assert fore is not None and nu is not None  # noqa: S101 - not hidden
    skillnad = nu - fore
    if fore == 0:
        return f"{skillnad:+d}" if skillnad else "±0"
    return f"{skillnad:+d} ({skillnad / fore:+.0%})".replace(".", ",")


def indikatortabell(perioder: Sequence[Period], insatser: Sequence[int] | None) -> Indikatortabell:
    """Indicators × periods for some insatser (all when None)."""
    return indikatortabell_ur(Underlag.flera(perioder, insatser), insatser)


def indikatortabell_ur(
    underlag: Sequence[Underlag], insatser: Sequence[int] | None
) -> Indikatortabell:
    """Indicators × periods, protected column by column."""
    data = [u.siffror(insatser) for u in underlag]
    tabell = Indikatortabell([u.period for u in underlag])
    totalt, delar = zip(
        *(skydda_uppdelning([d.get(k, 0) for k, _ in UTFALL_RADER]) for d in data), strict=True
    )
    tabell.rader.append(Rad("Kontakter", list(totalt), utveckling(totalt), nyckel="kontakter"))
    for nr, (nyckel, rubrik) in enumerate(UTFALL_RADER):
        celler = [d[nr] for d in delar]
        tabell.rader.append(Rad(rubrik, celler, utveckling(celler), indrag=True, nyckel=nyckel))
    andel = []
    for d, tot in zip(data, totalt, strict=True):
        if tot.dold or not d.get("totalt"):
            andel.append(Cell("–", None))
        else:
            procent = round(100 * d.get("informerade", 0) / d["totalt"])
            andel.append(Cell(f"{procent} %", procent))
    tabell.rader.append(
        Rad("Informerade om rätten att ansöka (11 kap. 6 §)", andel, nyckel="informerade")
    )
    for nyckel, rubrik in ENKLA_RADER:
        celler = [skydda_tal(d.get(nyckel, 0)) for d in data]
        tabell.rader.append(Rad(rubrik, celler, utveckling(celler), nyckel=nyckel))
    vantetid = [
        skydda_medel(
            d.get("vantat_dagar", 0) / d["vantat_antal"] if d.get("vantat_antal") else None,
            d.get("vantat_antal", 0),
        )
        for d in data
    ]
    tabell.rader.append(Rad("Väntetid till plats, medel (dagar)", vantetid, nyckel="vantetid"))
    for nyckel, rubrik in [
        ("maende_start", "Mående vid start (medel 1–5)"),
        ("maende_slut", "Mående vid slut (medel 1–5)"),
    ]:
        celler = [skydda_medel(d[nyckel], d["maende_antal"]) for d in data]
        tabell.rader.append(Rad(rubrik, celler, nyckel=nyckel))
    return tabell


#: Indicator rows whose raw count has another name in the statistics.
RADATA = {"kontakter": "totalt"}


def skydda_over_insatser(
    underlag: Underlag, insatser: Sequence[int], nycklar: Sequence[str]
) -> tuple[dict[int, dict[str, Cell]], dict[str, Cell]]:
    """Per indicator, every insats and the catalogue total protected as one column, so that a
    small insats hidden beside others cannot be had as the total minus the rest."""
    per_insats = {i: underlag.siffror([i]) for i in insatser}
    celler: dict[int, dict[str, Cell]] = {i: {} for i in insatser}
    summor: dict[str, Cell] = {}
    for nyckel in nycklar:
        radata = RADATA.get(nyckel, nyckel)
        tabell = skydda_tabell([[per_insats[i].get(radata, 0)] for i in insatser] or [[0]])
        for i, rad in zip(insatser, tabell.rader, strict=False):
            celler[i][nyckel] = rad[0]
        summa = tabell.summarad[0]
        if nyckel == "unika":
            # Not additive (one person in two insatser is one person): the real total, and
            # only when nothing in the column is hidden.
            dolt = any(rad[0].dold for rad in tabell.rader)
            summa = (
                Cell(SEKUNDAR, None) if dolt else skydda_tal(underlag.siffror(None).get("unika", 0))
            )
        summor[nyckel] = summa
    return celler, summor


def kon_och_alder(underlag: Underlag, insatser: Sequence[int] | None) -> SkyddadTabell:
    """Contacts by age band (rows) and sex (columns), with totals. Its grand total is the
    contacts total of the indicator table, so the two tables tell nothing about each other."""
    data = underlag.siffror(insatser)["kon_alder"]
    return skydda_tabell(
        [[data.get((kon, grupp), 0) for kon, _ in KON] for grupp, _ in ALDERSGRUPPER]
    )


def besok_kon_och_alder(underlag: Underlag, insatser: Sequence[int] | None) -> SkyddadTabell:
    """Visits to open activities by age band and sex, with totals."""
    data = underlag.siffror(insatser)["besok_kon_alder"]
    return skydda_tabell(
        [[data.get((kon, grupp), 0) for kon, _ in KON] for grupp, _ in ALDERSGRUPPER]
    )


SOCIALA_FALT = [
    (
        "Boende",
        "boende",
        [
            ("eget", "Eget boende"),
            ("foraldrar", "Hos föräldrar"),
            ("andrahand", "Andrahand"),
            ("tillfalligt", "Tillfälligt"),
            ("hemlos", "Saknar boende"),
            ("annat", "Annat"),
            ("uppger_ej", "Vill inte uppge"),
        ],
    ),
    (
        "Sysselsättning",
        "sysselsattning",
        [
            ("arbete", "Arbete"),
            ("studier", "Studier eller skola"),
            ("arbetssokande", "Arbetssökande"),
            ("sjukskriven", "Sjukskriven"),
            ("pension", "Pension"),
            ("annat", "Annat"),
            ("uppger_ej", "Vill inte uppge"),
        ],
    ),
]


def social_situation(
    underlag: Underlag, insatser: Sequence[int] | None
) -> list[tuple[str, list[tuple[str, Cell, Cell]]]]:
    """Housing and occupation at start and at end (each column protected as a breakdown)."""
    data = underlag.siffror(insatser)["social"]
    ut = []
    for rubrik, prefix, koder in SOCIALA_FALT:
        start = data.get(f"{prefix}_start", {})
        slut = data.get(f"{prefix}_slut", {})
        if not start and not slut:
            continue
        _, start_celler = skydda_uppdelning([start.get(k, 0) for k, _ in koder])
        _, slut_celler = skydda_uppdelning([slut.get(k, 0) for k, _ in koder])
        ut.append(
            (
                rubrik,
                [
                    (namn, a, b)
                    for (_, namn), a, b in zip(koder, start_celler, slut_celler, strict=True)
                ],
            )
        )
    return ut


def villkor_ej_uppfyllda(
    underlag: Underlag, insatser: Sequence[int] | None
) -> list[tuple[str, Cell]]:
    per_typ = underlag.siffror(insatser)["villkor_per_typ"]
    typer = sorted(per_typ)
    _, delar = skydda_uppdelning([per_typ[t] for t in typer])
    return list(zip(typer, delar, strict=True))


def som_json(tabell: Indikatortabell) -> dict[str, Any]:
    """What a signed follow-up freezes: the protected text, never the raw counts."""
    return {
        "perioder": [p.kod for p in tabell.perioder],
        "rader": [
            {
                "rubrik": r.rubrik,
                "celler": [c.visning for c in r.celler],
                "utveckling": r.utveckling,
                "indrag": r.indrag,
            }
            for r in tabell.rader
        ],
    }
