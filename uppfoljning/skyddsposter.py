"""The counts of a disclosure audit and how they are tied together: a `Post` per count, with
what its reader knows of it (`Post.doman`), and a `Samband` per relation among them
(uppfoljning.skyddsgranskning audits them)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

Nyckel = tuple[str, str, str]  # (mått, enhet, kolumn)

VISAS = "visas"
DOLD = "dold"
OPUBLICERAD = "opublicerad"  # part of a samband, never shown (e.g. an outcome per half-year)


class Oskyddbar(Exception):
    """A small count could not be protected without changing an already frozen publication."""


@dataclass
class Post:
    nyckel: Nyckel
    sant: int
    agare: str | None  # the utförare whose records it counts; None for the whole catalogue
    status: str = VISAS
    primar: bool = False
    fryst: bool = False  # from an earlier, frozen publication: its status never changes
    kostnad: int = 0  # which to hide first as a secondary: low first
    heltal: bool = False  # may be negative (a revision after a correction)
    granskas: bool = True  # a count in the audit (not a mean, which has its own rule)
    # The threshold it was published under, when not the audit's (a frozen count from before
    # the threshold was changed): its reader knows a small one is below that one.
    troskel: int | None = None
    # The least its reader knows it to be even when it is withdrawn: 1 for a row that is only
    # published when there is something to count (a villkor type's "inte uppfyllt").
    minst: int = 0
    # Never published, but a sum of published counts gives it (a sub-period as counted now:
    # the year less the other sub-periods): a small one must not be pinned either.
    mal: bool = False
    # Without an agare, a count of an insats that several utförare held: each knows its own
    # records of it, none the whole (a small one is protected from each in turn).
    delagare: tuple[str, ...] = ()

    def doman(self, k: int) -> tuple[float, float]:
        """What the attacker knows of the value."""
        if self.status == VISAS:
            return (self.sant, self.sant)
        if self.status == OPUBLICERAD:
            return (-math.inf if self.heltal else self.minst, math.inf)
        k = self.troskel or k
        if self.primar:
            return (1, k - 1) if self.sant > 0 else (-(k - 1), -1)
        return (k, math.inf) if self.sant > 0 else (-math.inf, -k)


@dataclass(frozen=True)
class Samband:
    """Σ plus − Σ minus  (= 0 when `lika`, else ≥ 0)."""

    plus: tuple[Nyckel, ...]
    minus: tuple[Nyckel, ...]
    lika: bool = True

    @classmethod
    def summa(cls, total: Nyckel, delar: Iterable[Nyckel]) -> Samband:
        return cls((total,), tuple(delar))

    @classmethod
    def minst(cls, stor: Nyckel, liten: Nyckel) -> Samband:
        return cls((stor,), (liten,), lika=False)

    @classmethod
    def hogst(cls, total: Nyckel, delar: Iterable[Nyckel]) -> Samband:
        return cls(tuple(delar), (total,), lika=False)

    @property
    def poster(self) -> tuple[Nyckel, ...]:
        return self.plus + self.minus


@dataclass
class Granskning:
    """The outcome: how many ILPs were solved and which counts were hidden as secondaries."""

    primara: int = 0
    sekundara: list[Nyckel] = field(default_factory=list)
    tillbakadragna: list[Nyckel] = field(default_factory=list)
    losningar: int = 0
    grupper: int = 0  # groups of hidden counts with a small sum, audited as counts of their own


def primart(post: Post, k: int) -> bool:
    return 0 < abs(post.sant) < k
