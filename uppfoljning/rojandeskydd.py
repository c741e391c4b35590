"""Disclosure control for every count shown or exported (DESIGN.md §3). One module, used by
every table, chart and export of follow-up.

- Primary suppression: a count from 1 to k−1 is shown as "<k".
- Secondary suppression: in a table with totals, no suppressed cell may be recomputed from
  its rows, columns and totals. Where a line would have exactly one hidden cell, the smallest
  other cell of that line is hidden too (shown as "×"); then an exact check solves the
  table's equations and hides more until no hidden cell can be computed.
- Only fixed periods exist (uppfoljning.perioder), so two reports cannot be subtracted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings

SEKUNDAR = "×"


def troskel() -> int:
    return int(getattr(settings, "ROJANDESKYDD_TROSKEL", 5))


@dataclass(frozen=True)
class Cell:
    """A protected value: what to show, and the number only when it may be shown."""

    visning: str
    varde: int | None

    @property
    def dold(self) -> bool:
        return self.varde is None


def _primart_dold(n: int, k: int) -> bool:
    return 0 < n < k


def skydda_tal(n: int | None, k: int | None = None) -> Cell:
    """One stand-alone count, not part of a table with totals."""
    k = k or troskel()
    if n is None:
        return Cell("–", None)
    if _primart_dold(n, k):
        return Cell(f"<{k}", None)
    return Cell(str(n), n)


@dataclass(frozen=True)
class SkyddadTabell:
    """A table with row totals (last column) and column totals (last row), protected."""

    celler: list[list[Cell]]

    @property
    def rader(self) -> list[list[Cell]]:
        return self.celler[:-1]

    @property
    def summarad(self) -> list[Cell]:
        return self.celler[-1]


def skydda_tabell(matris: Sequence[Sequence[int]], k: int | None = None) -> SkyddadTabell:
    """Protect a table of counts and its margins (computed here, so they always add up)."""
    k = k or troskel()
    rader = [[*list(r), sum(r)] for r in matris]
    kolumner = len(rader[0]) if rader else 1
    rader.append([sum(r[j] for r in rader) for j in range(kolumner)])
    dolda = {(i, j) for i, r in enumerate(rader) for j, n in enumerate(r) if _primart_dold(n, k)}
    linjer = [[(i, j) for j in range(kolumner)] for i in range(len(rader))]
    linjer += [[(i, j) for i in range(len(rader))] for j in range(kolumner)]
    sekundara: set[tuple[int, int]] = set()

    def kostnad(c: tuple[int, int]) -> tuple[bool, bool, int]:
        # Hide the smallest other cell: an inner cell rather than a total (totals are shared
        # with other tables of the same report), and not a zero if avoidable.
        ar_marginal = c[0] == len(rader) - 1 or c[1] == kolumner - 1
        return (ar_marginal, rader[c[0]][c[1]] == 0, rader[c[0]][c[1]])

    def dolj_en_till(linje: list[tuple[int, int]]) -> bool:
        kandidater = [c for c in linje if c not in dolda]
        if not kandidater:
            return False
        val = min(kandidater, key=kostnad)
        dolda.add(val)
        sekundara.add(val)
        return True

    while True:
        # The classic rule first: no line may have exactly one hidden cell.
        andrat = True
        while andrat:
            andrat = False
            for linje in linjer:
                if sum(1 for c in linje if c in dolda) == 1 and dolj_en_till(linje):
                    andrat = True
        # Then the exact test: could any hidden cell still be solved from the lines?
        avslojad = _bestamda(dolda, linjer)
        if not avslojad:
            break
        if not any(dolj_en_till(linje) for linje in linjer if avslojad[0] in linje):
            break  # every cell of its lines is hidden already
    celler = [
        [
            Cell(SEKUNDAR if (i, j) in sekundara else f"<{k}", None)
            if (i, j) in dolda
            else Cell(str(n), n)
            for j, n in enumerate(r)
        ]
        for i, r in enumerate(rader)
    ]
    return SkyddadTabell(celler)


def _bestamda(
    dolda: set[tuple[int, int]], linjer: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Hidden cells an attacker can solve from the lines (each line's last cell is its total):
    Gauss-Jordan elimination over the rationals; a variable is determined exactly when its
    pivot row has no other unknown. Rows are kept sparse (unknown -> coefficient), since a
    line holds few of a large table's hidden cells."""
    ordning = sorted(dolda)
    index = {c: n for n, c in enumerate(ordning)}
    matris: list[dict[int, Fraction]] = []
    for linje in linjer:
        *delar, summa = linje
        rad: dict[int, Fraction] = {}
        for c in delar:
            if c in index:
                rad[index[c]] = rad.get(index[c], Fraction(0)) + 1
        if summa in index:
            rad[index[summa]] = rad.get(index[summa], Fraction(0)) - 1
        rad = {k: v for k, v in rad.items() if v}
        if rad:
            matris.append(rad)
    pivotrader: dict[int, int] = {}
    rang = 0
    for kol in range(len(ordning)):
        pivot = next((i for i in range(rang, len(matris)) if kol in matris[i]), None)
        if pivot is None:
            continue
        matris[rang], matris[pivot] = matris[pivot], matris[rang]
        bas = matris[rang][kol]
        prad = {k: v / bas for k, v in matris[rang].items()} if bas != 1 else matris[rang]
        matris[rang] = prad
        for i, rad in enumerate(matris):
            faktor = rad.get(kol)
            if i == rang or faktor is None:
                continue
            for k, v in prad.items():
                ny = rad.get(k, Fraction(0)) - faktor * v
                if ny:
                    rad[k] = ny
                else:
                    rad.pop(k, None)
        pivotrader[kol] = rang
        rang += 1
    return [ordning[kol] for kol, r in pivotrader.items() if len(matris[r]) == 1]


def skydda_uppdelning(delar: Sequence[int], k: int | None = None) -> tuple[Cell, list[Cell]]:
    """A total and the parts it is made of (e.g. contacts by outcome), protected together."""
    tabell = skydda_tabell([list(delar)], k)
    rad = tabell.rader[0]
    return rad[-1], rad[:-1]


def skydda_medel(medel: float | None, antal: int, k: int | None = None) -> Cell:
    """An average is shown only when it rests on at least k people."""
    k = k or troskel()
    if medel is None or antal == 0:
        return Cell("–", None)
    if antal < k:
        return Cell(f"<{k} svar", None)
    return Cell(f"{medel:.1f}".replace(".", ","), round(medel * 10))
