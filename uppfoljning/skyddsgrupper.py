"""Groups of hidden parts of a sum, audited as counts of their own (uppfoljning.skyddsgranskning:
the sums among the hidden counts, round after round)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from uppfoljning.skyddsposter import OPUBLICERAD, VISAS, Nyckel, Post, Samband

if TYPE_CHECKING:
    from uppfoljning.skyddsgranskning import _Granskare


class Grupper:
    """Groups of hidden parts of a sum. Where the total is known and several of its parts are
    hidden, their sum is a number the reader knows too: three women aged 18–44 where the women
    are twelve and those aged 45–64 nine, though each of the two hidden cells could be 1 or 2.
    A small such sum is audited as a derived count of its own (`Post.mal`): a post never
    published, tied to its parts by one samband more, that must not be pinned. Whether the
    total is known is the solver's to say (it may be hidden, or follow from other tables)."""

    def __init__(self, g: _Granskare) -> None:
        self.g = g
        self.sedda: set[frozenset[Nyckel]] = set()
        # Counts never meant to be published (an outcome per sub-period) are not audited on
        # their own, so not in a group either; a withdrawn count ("–") is.
        self.aldrig = {n for n, p in g.poster.items() if p.status == OPUBLICERAD and not p.mal}
        self.antal = len(g.samband)  # the publication's samband, not the groups' own
        self.agare = sorted({p.agare for p in g.poster.values() if p.agare is not None})

    def nya(self) -> list[Nyckel]:
        """The groups with a small sum among the counts hidden now, not yet audited."""
        poster, ut = self.g.poster, []
        for s in self.g.samband[: self.antal]:
            if not s.lika:
                continue
            # Published before, all of it (maybe before the group rule): its groups are
            # audited again, as the new period's counts may pin one (the year less the new
            # half-year is the frozen one's total) – unless the frozen ones alone do, which
            # nothing new can take back (`post`).
            fryst = all(poster[n].fryst for n in s.poster)
            dolda = [n for n in s.minus if poster[n].status != VISAS and n not in self.aldrig]
            if len(dolda) < 2:
                continue
            # Every part hidden: their sum is the total, audited as a count of its own.
            grupper = [dolda] if len(dolda) < len(s.minus) else []
            # An attacker who knows every other utförare knows their parts: the hidden parts
            # of one utförare are a group too (the catalogue's sum of insatser).
            # An attacker who knows every other utförare knows their parts: the hidden parts
            # of one utförare, with those nobody knows whole (the catalogue's, an insats held
            # in turn), are a group too (and protect the rest from one who knows one).
            agare = sorted({a for n in dolda if (a := poster[n].agare) is not None})
            if len(agare) > 1 or (agare and any(poster[n].agare is None for n in dolda)):
                grupper += [[n for n in dolda if poster[n].agare in (a, None)] for a in agare]
            for grupp in grupper:
                # A revision may be negative: a sum with one is how much the figures changed
                # on net, no count of anyone (each part is audited on its own all the same).
                if any(poster[n].heltal for n in grupp):
                    continue
                if len(grupp) > 1 and (nyckel := self.post(grupp)) is not None:
                    if fryst and self.g.fryst_fastlast(nyckel, self.agare):
                        # Given away when published: hiding anything new cannot take it back.
                        self.g.ut.grupper -= 1
                        continue
                    ut.append(nyckel)
        return ut

    def post(self, grupp: list[Nyckel]) -> Nyckel | None:
        """The post of a group's sum where it is small and new, tied to its parts."""
        mangd = frozenset(grupp)
        if mangd in self.sedda:
            return None
        self.sedda.add(mangd)
        poster = self.g.poster
        sant = sum(poster[n].sant for n in grupp)
        if not 0 < abs(sant) < self.g.k:
            return None  # nothing to protect: no one, or enough
        agare = {poster[n].agare for n in grupp}
        ett = agare.pop() if len(agare) == 1 else None
        # Several utförare's, or nobody's whole: protected from each with records in it.
        delagare: set[str] = set()
        for n in grupp if ett is None else ():
            p = poster[n]
            delagare |= {p.agare} if p.agare else set(p.delagare) or self.g.bidrag(n)
        nyckel: Nyckel = ("Σ", "+".join("/".join(n) for n in sorted(grupp)), "")
        poster[nyckel] = Post(
            nyckel,
            sant,
            ett,
            delagare=tuple(sorted(delagare)),
            status=OPUBLICERAD,
            mal=True,
        )
        self.g.lagg_till(Samband.summa(nyckel, grupp))
        self.g.ut.grupper += 1
        return nyckel
