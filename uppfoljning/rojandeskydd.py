"""Disclosure control for every count shown or exported (DESIGN.md §3). One module, used by
every table, chart and export of follow-up.

- Primary suppression: a count from 1 to k−1 is shown as "<k".
- Secondary suppression: in a table with totals, no suppressed cell may be recomputed from
  its row, its column or the totals; where a line would have exactly one hidden cell, the
  smallest other cell of that line is hidden too (shown as "×").
- Only fixed periods exist (uppfoljning.perioder), so two reports cannot be subtracted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    andrat = True
    while andrat:
        andrat = False
        for linje in linjer:
            i_linjen = [c for c in linje if c in dolda]
            if len(i_linjen) != 1:
                continue
            kandidater = [c for c in linje if c not in dolda]
            if not kandidater:
                continue

            # Hide the smallest other cell: an inner cell rather than a total (totals are
            # shared with other tables of the same report), and not a zero if avoidable.
            def kostnad(c: tuple[int, int]) -> tuple[bool, bool, int]:
                ar_marginal = c[0] == len(rader) - 1 or c[1] == kolumner - 1
                return (ar_marginal, rader[c[0]][c[1]] == 0, rader[c[0]][c[1]])

            val = min(kandidater, key=kostnad)
            dolda.add(val)
            sekundara.add(val)
            andrat = True
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
