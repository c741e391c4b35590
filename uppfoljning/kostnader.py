"""What the insatser cost in the board report: kronor, cost per published count (hidden where
the count is hidden, never from a true count), and the cost rows per insats and for the whole
catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from insatser.models import Katalog
from uppfoljning.matt import KAT
from uppfoljning.models import Arsuppfoljning, Folkmangd
from uppfoljning.publicerat import SAKNAS, Indikatortabell, Publicerat, Rad, utveckling
from uppfoljning.rojandeskydd import DOLT, Cell

if TYPE_CHECKING:
    from uppfoljning.rapport import Insatsdel


def kronor(n: int | None) -> Cell:
    if n is None:
        return SAKNAS
    return Cell(f"{n:,} kr".replace(",", " "), n)


def per(kr: int | None, antal: Cell) -> Cell:
    """Cost per a published count: hidden where the count is hidden, never from a true count."""
    if kr is None or antal is SAKNAS:
        return SAKNAS
    if antal.varde is None:
        return Cell(DOLT, None)
    return kronor(round(kr / antal.varde)) if antal.varde else SAKNAS


def kostnadsrader(
    pub: Publicerat, enhet: str | int, perioder: list[str], kostnad: list[int | None]
) -> list[Rad]:
    if not any(k is not None for k in kostnad):
        return []
    rader = [
        ("kostnad", "Kostnad", [kronor(k) for k in kostnad]),
        (
            "kostnad_per_deltagare",
            "– per deltagare",
            [per(k, pub.cell("unika", enhet, p)) for k, p in zip(kostnad, perioder, strict=True)],
        ),
        (
            "kostnad_per_tillfalle",
            "– per tillfälle",
            [
                per(k, pub.cell("tillfallen", enhet, p))
                for k, p in zip(kostnad, perioder, strict=True)
            ],
        ),
    ]
    return [
        Rad(rubrik, celler, utveckling(celler), indrag=nyckel != "kostnad", nyckel=nyckel)
        for nyckel, rubrik, celler in rader
    ]


def kostnad_katalog(
    katalog: Katalog,
    pub: Publicerat,
    perioder: list[str],
    delar: list[Insatsdel],
    signerade: dict[tuple[int, int], Arsuppfoljning],
) -> Indikatortabell:
    """The catalogue's cost: the sum of what the enhetschefer entered in their signed
    follow-ups, per inhabitant (the population the secretary entered) and, when every insats
    of the year has its cost, per participant and per session."""
    folk = dict(
        Folkmangd.objects.filter(
            kommun_id=katalog.kommunen_id, ar__in=[int(p) for p in perioder]
        ).values_list("ar", "invanare")
    )
    tabell = Indikatortabell(perioder)
    summa, fanns, med_kostnad, invanare, per_invanare, per_deltagare, per_tillfalle = (
        [] for _ in range(7)
    )
    for nr, p in enumerate(perioder):
        kostnader = [
            u.kostnad
            for d in delar
            if d.fanns[nr]
            and (u := signerade.get((d.insats.pk, int(p)))) is not None
            and u.kostnad is not None
        ]
        antal = sum(1 for d in delar if d.fanns[nr])
        kr = sum(kostnader) if kostnader else None
        summa.append(kronor(kr))
        fanns.append(Cell(str(antal), antal))
        med_kostnad.append(Cell(str(len(kostnader)), len(kostnader)))
        n = folk.get(int(p))
        invanare.append(Cell(f"{n:,}".replace(",", " "), n) if n else SAKNAS)
        per_invanare.append(kronor(round(kr / n)) if kr is not None and n else SAKNAS)
        hela = kr if kostnader and len(kostnader) == antal else None
        per_deltagare.append(per(hela, pub.cell("unika", KAT, p)))
        per_tillfalle.append(per(hela, pub.cell("tillfallen", KAT, p)))
    alla = "(när alla insatser har kostnad)"
    for nyckel, rubrik, celler in [
        ("insatser", "Insatser under året", fanns),
        ("insatser_med_kostnad", "– varav med kostnad i signerad årsuppföljning", med_kostnad),
        ("kostnad", "Kostnad (summa av angivna)", summa),
        ("folkmangd", "Folkmängd 31 december", invanare),
        ("kostnad_per_invanare", "Kostnad per invånare", per_invanare),
        ("kostnad_per_deltagare", f"Kostnad per deltagare {alla}", per_deltagare),
        ("kostnad_per_tillfalle", f"Kostnad per tillfälle {alla}", per_tillfalle),
    ]:
        indrag = nyckel == "insatser_med_kostnad"
        tabell.rader.append(Rad(rubrik, celler, utveckling(celler), indrag, nyckel))
    return tabell
