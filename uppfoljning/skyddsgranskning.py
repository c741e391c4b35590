"""Disclosure control of a publication: which counts to hide so that nobody can work out a
small one, audited exactly over the integers (README, "Röjandeskydd").

A publication is a set of *poster* (counts), each shown or hidden, tied together by *samband*:
a total is the sum of its parts (margins, the catalogue as the sum of its insatser, the year as
its half-years plus what was registered late), or one count is at least another (a person in
both half-years is one person in the year). The attacker:

- knows every shown number, every samband, and the rule: a hidden count from 1 to k−1 is
  small ("primärt dold"), any other hidden count is at least k ("sekundärt dold");
- knows the true value of every count of every other utförare than the one a small count
  belongs to (stronger than the one utförare of their own the issue asks for); for a small
  count of the whole catalogue, the same for each utförare with records in it in turn;
- solves an integer program: are there whole numbers, within the domains, that satisfy every
  samband and give the small count another value than its true one?

A small count is protected when such another value exists (it cannot be pinned). Where it
does not, the cheapest shown count connected to it is hidden too, and the check repeats.
Hiding a count only ever widens what the attacker must consider, so a count once protected
stays protected while others are hidden. The sum of several hidden parts of a total is a count
too (women 18–44, where the women and those 45–64 are shown): each small one is audited as a
derived count (`_Grupper`), and as hiding more makes new groups, until there are none new.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from uppfoljning.skyddsgrupper import Grupper as _Grupper
from uppfoljning.skyddsposter import (
    DOLD,
    OPUBLICERAD,
    VISAS,
    Granskning,
    Nyckel,
    Oskyddbar,
    Post,
    Samband,
    primart,
)

__all__ = [
    "DOLD",
    "OPUBLICERAD",
    "VISAS",
    "Granskning",
    "Nyckel",
    "Oskyddbar",
    "Post",
    "Samband",
    "primart",
    "skydda",
]


def skydda(poster: dict[Nyckel, Post], samband: list[Samband], k: int) -> Granskning:
    """Hide small counts and whatever else must be hidden so that none can be pinned. Changes
    `status` and `primar` of the posts that are not frozen."""
    for p in poster.values():
        if p.granskas and not p.fryst and p.status == VISAS and primart(p, k):
            p.status, p.primar = DOLD, True
    # The sums of groups of hidden counts are posts of the audit only, never the caller's.
    g = _Granskare(dict(poster), list(samband), k)
    poster = g.poster
    agare = sorted({p.agare for p in poster.values() if p.agare is not None})
    # The frozen small counts first: nothing of theirs can change, so their protection must
    # come from what is new, before new counts are hidden or withdrawn for other reasons.
    primara = [
        n for n, p in poster.items() if (p.status == DOLD and p.primar) or (p.mal and primart(p, k))
    ]
    grupper = _Grupper(g)
    while primara:
        _granska(g, primara, agare)
        # Hiding more makes new groups of hidden counts: audit the small sums among them too.
        primara = grupper.nya()
    return g.ut


def _granska(g: _Granskare, primara: list[Nyckel], agare: list[str]) -> None:
    """Protect each small count of `primara`, hiding or withdrawing what it takes."""
    poster = g.poster
    for x in sorted(primara, key=lambda n: (not poster[n].fryst, n)):
        post = poster[x]
        # The small counts of this publication (the frozen ones it is tied to are audited
        # again, last year's among them, but were counted where they were published).
        g.ut.primara += not post.fryst and not post.mal
        for kanda in g.scenarier(x, agare):
            # A withdrawn count ("–") is still in every samband it was in, so it stays under
            # audit (as at least zero): withdrawing it protects it only where its domain, not
            # a sum of shown counts, pinned it (a small year count is the catalogue's total
            # less the other insatser whether it shows "×" or "–").
            while poster[x].status != VISAS and g.fastlast(x, kanda):
                # A count to hide; else withdraw x; then the catalogue's headline; then withdraw
                # what ties x (its component); an insats's headline only when nothing is left.
                val = g.billigast(x, kanda)
                if val is None and poster[x].status == DOLD and g.dra_tillbaka(x, kanda):
                    continue
                if val is None:
                    val = g.billigast(x, kanda, hogst=3)
                if val is None and g.dra_tillbaka(x, kanda):
                    continue
                if val is None:
                    val = g.billigast(x, kanda, hogst=4)
                if val is not None:
                    poster[val].status = DOLD
                    g.ut.sekundara.append(val)
                elif poster[x].status == OPUBLICERAD:
                    break  # withdrawn, and only frozen counts are left to tie it
                else:
                    raise Oskyddbar(f"{x} kan inte skyddas utan att ändra en fryst publicering")
    # A count hidden to no end: anyone can compute it from one samband of shown counts.
    # Showing it tells nothing new (the feasible set is the same), so it is shown.
    for n in list(g.ut.sekundara):
        if poster[n].status == DOLD and g.harledbar(n):
            poster[n].status = VISAS
            g.ut.sekundara.remove(n)


class _Granskare:
    """The posts and samband of one audit, with each post's samband looked up once."""

    def __init__(self, poster: dict[Nyckel, Post], samband: list[Samband], k: int) -> None:
        self.poster, self.k = poster, k
        self.samband: list[Samband] = []
        self.ut = Granskning()
        self.per_post: dict[Nyckel, list[int]] = defaultdict(list)
        for s in samband:
            self.lagg_till(s)

    def lagg_till(self, s: Samband) -> None:
        for n in s.poster:
            self.per_post[n].append(len(self.samband))
        self.samband.append(s)

    def harledbar(self, x: Nyckel) -> bool:
        """x is the only count not shown in one of its equalities."""
        return any(
            self.samband[nr].lika
            and all(m == x or self.poster[m].status == VISAS for m in self.samband[nr].poster)
            for nr in self.per_post[x]
        )

    def bidrag(self, x: Nyckel) -> set[str]:
        """The utförare with records in a catalogue total (its non-zero parts)."""
        ut: set[str] = set()
        for nr in self.per_post[x]:
            s = self.samband[nr]
            delar = s.minus if s.plus == (x,) else s.plus if s.minus == (x,) else ()
            for n in delar:
                if self.poster[n].sant:
                    p = self.poster[n]
                    ut |= {p.agare} if p.agare is not None else set(p.delagare)
        return ut

    def scenarier(self, x: Nyckel, agare: list[str]) -> list[frozenset[str]]:
        """The attackers a small count is protected from: what each knows (utförare)."""
        post = self.poster[x]
        if post.agare is not None:
            return [frozenset(a for a in agare if a != post.agare)]
        if post.delagare:
            return [frozenset(a for a in agare if a != b) for b in post.delagare]
        # A small total of the whole catalogue: for each utförare with records in it, an
        # attacker who knows every other utförare (more than knowing any one of them).
        bidrag = self.bidrag(x)
        return [frozenset(a for a in agare if a != b) for b in sorted(bidrag)] or [frozenset()]

    def fryst_fastlast(self, x: Nyckel, agare: list[str]) -> bool:
        """Do the frozen publications alone pin x (every count of the new one unknown)?"""
        nya = [
            (p, p.status, p.primar)
            for n, p in self.poster.items()
            if not p.fryst and n != x and p.status != OPUBLICERAD
        ]
        for p, _, _ in nya:
            p.status, p.primar = OPUBLICERAD, False
        try:
            return any(self.fastlast(x, kanda) for kanda in self.scenarier(x, agare))
        finally:
            for p, status, primar in nya:
                p.status, p.primar = status, primar

    @staticmethod
    def rorlig(p: Post, kanda: frozenset[str]) -> bool:
        """Unknown to an attacker who knows the utförare in `kanda`."""
        return p.status != VISAS and p.agare not in kanda

    def komponent(
        self,
        x: Nyckel,
        kanda: frozenset[str],
    ) -> tuple[list[Nyckel], list[int]]:
        """The unknowns tied to x through samband, and those samband."""
        sedda, kö, rel = {x}, [x], set()
        while kö:
            n = kö.pop()
            for nr in self.per_post[n]:
                if nr in rel:
                    continue
                rel.add(nr)
                for m in self.samband[nr].poster:
                    if m not in sedda and self.rorlig(self.poster[m], kanda):
                        sedda.add(m)
                        kö.append(m)
        return sorted(sedda), sorted(rel)

    def fastlast(
        self,
        x: Nyckel,
        kanda: frozenset[str],
    ) -> bool:
        """Can the attacker who knows `kanda` pin x to its true value?"""
        # SciPy is loaded when an audit first needs a solver, not with the module: every page
        # that reads a publication imports this module through uppfoljning.publicering, and
        # SciPy took 0.7 s of each process's first request (bench/RESULTS.md).
        from scipy.optimize import Bounds, LinearConstraint, milp

        variabler, rel = self.komponent(x, kanda)
        sant = self.poster[x].sant
        # The quick rule first: a samband where x is the only unknown pins it.
        for nr in rel:
            s = self.samband[nr]
            if s.lika and all(m == x or not self.rorlig(self.poster[m], kanda) for m in s.poster):
                return True
        index = {n: i for i, n in enumerate(variabler)}
        rader, lag, hog = [], [], []
        for nr in rel:
            s = self.samband[nr]
            rad = np.zeros(len(variabler))
            konstant = 0.0
            for tecken, nycklar in ((1, s.plus), (-1, s.minus)):
                for n in nycklar:
                    if n in index:
                        rad[index[n]] += tecken
                    else:
                        konstant += tecken * self.poster[n].sant
            if not rad.any():
                continue
            rader.append(rad)
            lag.append(-konstant)
            hog.append(-konstant if s.lika else math.inf)
        granser = [self.poster[n].doman(self.k) for n in variabler]
        for riktning in (-1, 1):
            lo = np.array([g[0] for g in granser], dtype=float)
            hi = np.array([g[1] for g in granser], dtype=float)
            i = index[x]
            if riktning < 0:
                hi[i] = min(hi[i], sant - 1)
            else:
                lo[i] = max(lo[i], sant + 1)
            if lo[i] > hi[i]:
                continue
            self.ut.losningar += 1
            svar = milp(
                c=np.zeros(len(variabler)),
                integrality=np.ones(len(variabler)),
                bounds=Bounds(lo, hi),
                constraints=[LinearConstraint(np.array(rader), lag, hog)] if rader else None,
                options={"time_limit": 10.0},
            )
            if svar.status == 0:
                return False  # another value fits everything the attacker knows
        return True

    def billigast(
        self,
        x: Nyckel,
        kanda: frozenset[str],
        hogst: int = 2,
    ) -> Nyckel | None:
        """The shown count to hide next: not a zero, not frozen, one the attacker does not know
        anyway; first one that would not still follow from a single samband of known counts
        (hiding such a one helps only together with another), then cheap (a sub-period or a
        part before a year's count), then near x. Headlines only up to `hogst` (3: the
        catalogue's, 4: an insats's as well).
        Breadth-first through the samband from x."""

        def kand(o: Nyckel) -> bool:
            return self.poster[o].status == VISAS or self.poster[o].agare in kanda

        def harledbar_om_dold(m: Nyckel) -> bool:
            return any(
                self.samband[nr].lika and all(o == m or kand(o) for o in self.samband[nr].poster)
                for nr in self.per_post[m]
            )

        avstand = {x: 0}
        kö = [x]
        kandidater: list[tuple[bool, bool, bool, int, int, int, Nyckel]] = []
        while kö:
            n = kö.pop(0)
            for nr in self.per_post[n]:
                for m in self.samband[nr].poster:
                    if m in avstand:
                        continue
                    avstand[m] = avstand[n] + 1
                    p = self.poster[m]
                    if p.agare in kanda:
                        continue
                    if p.status == VISAS:
                        if p.granskas and not p.fryst and p.sant != 0 and p.kostnad <= hogst:
                            kandidater.append(
                                (
                                    harledbar_om_dold(m),
                                    p.kostnad >= 2,
                                    p.kostnad >= 4,  # an insats's headline the very last
                                    avstand[m],
                                    p.kostnad,
                                    abs(p.sant),
                                    m,
                                )
                            )
                    else:
                        kö.append(m)
        if not kandidater:
            return None
        return min(kandidater)[-1]

    def dra_tillbaka(
        self,
        x: Nyckel,
        kanda: frozenset[str],
    ) -> bool:
        """When hiding more cannot help (the small count is squeezed between zeros, which are
        shown, and small margins): withdraw it. A breakdown (kon och ålder, villkor, …) is
        withdrawn whole, zeros included, so that the table reads as not published and the
        attacker no longer knows which cells are empty; another count alone (withdrawing it only
        widens what anyone knows of the others); a frozen one cannot be, so every count tied to
        it that is neither frozen nor a headline is – and so for a count already withdrawn that
        a sum still gives. False when there is nothing left."""
        matt, enhet, kolumn = x
        if self.poster[x].status == OPUBLICERAD or self.poster[x].fryst:
            _, rel = self.komponent(x, kanda)
            grupp = [m for nr in rel for m in self.samband[nr].poster]
        elif "." in matt:
            prefix = matt.split(".")[0] + "."
            grupp = [n for n in self.poster if n[1:] == (enhet, kolumn) and n[0].startswith(prefix)]
        else:
            grupp = [x]
        grupp = [
            n
            for n in dict.fromkeys(grupp)
            if self.poster[n].granskas
            and not self.poster[n].fryst
            and self.poster[n].status != OPUBLICERAD
            and self.poster[n].kostnad < 3
        ]
        for n in grupp:
            self.poster[n].status, self.poster[n].primar = OPUBLICERAD, False
        self.ut.tillbakadragna += grupp
        return bool(grupp)
