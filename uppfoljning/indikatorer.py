"""What follow-up counts, computed from the records for one fixed period (the input of a
publication, uppfoljning.publicering); nobody outside the utförare sees these counts except
as published."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dokumentation import statistik
from uppfoljning.perioder import Period

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
        utforare: Sequence[int] | None = None,
    ) -> None:
        self.period = period
        self.urval = urval or statistik.Urval(
            period.start,
            period.slut,
            tuple(insatser) if insatser is not None else None,
            utforare=None if utforare is None else tuple(utforare),
        )
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
            {i: _avslutens_koder(v) for i, v in avslut.antal.items()},
            {
                i: {
                    ("over_taket" if k == "over_taket" else f"over_taket.skal.{k}"): n
                    for k, n in per_skal.items()
                }
                for i, per_skal in statistik.over_taket(self.urval).items()
            },
            {i: {"orosanmalningar": n} for i, n in statistik.orosanmalningar(self.urval).items()},
            {
                i: {"nya_deltagarkoder": n}
                for i, n in statistik.nya_deltagarkoder(self.urval).items()
            },
        ]
        self.villkor = statistik.ej_uppfyllda_villkor(self.urval)
        self.social = avslut.social
        self.maende = avslut.maende
        self._siffror: dict[frozenset[int] | None, dict[str, Any]] = {}

    @classmethod
    def flera(
        cls,
        perioder: Sequence[Period],
        insatser: Sequence[int] | None = None,
        utforare: Sequence[int] | None = None,
    ) -> list[Underlag]:
        """The periods of one table, computed together: each table is read once for all of
        them where a row belongs to one period only. `utforare`: only its records."""
        urval = statistik.Urval.flera([(p.start, p.slut) for p in perioder], insatser, utforare)
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
                utforare=self.urval.utforare,
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


def _avslutens_koder(antal: dict[str, int]) -> dict[str, int]:
    """The reasons for stopping early and the problems that arose under the keys they are
    published as (`avbrutna.orsak.<code>`, `problem.kod.<code>`, and `problem` in all)."""
    ut: dict[str, int] = {}
    for k, n in antal.items():
        if k.startswith("orsak_"):
            ut[f"avbrutna.orsak.{k.removeprefix('orsak_') or 'ej_angiven'}"] = n
        elif k.startswith("problem_"):
            ut[f"problem.kod.{k.removeprefix('problem_')}"] = n
            ut["problem"] = ut.get("problem", 0) + n
    return ut


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
