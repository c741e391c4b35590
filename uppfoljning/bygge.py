"""Computing a publication's counts: `Bygge` gathers every count of the periods being published
(and the frozen ones they are audited with) as posts, with what each utförare knows of them,
and the relations between them that the disclosure audit (skyddsgranskning) needs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from insatser.models import Insats
from uppfoljning import skyddsgranskning as sg
from uppfoljning.indikatorer import ALDERSGRUPPER, KON, SOCIALA_FALT
from uppfoljning.matt import (
    DELNINGAR,
    KAT,
    KON_ALDER,
    MATT,
    MATTEN,
    NU,
    UTFALL,
    VILLKORSTYP,
    ar_kolumn,
    delperioder,
    karens,
)
from uppfoljning.perioder import Period
from uppfoljning.praxis import vantelistans_samband


def varden(d: dict[str, Any]) -> dict[str, int]:
    v = {m.nyckel: int(d.get(m.nyckel, 0) or 0) for m in MATT}
    v["kontakter"] = int(d.get("totalt", 0))
    v["ej_informerade"] = v["kontakter"] - int(d.get("informerade", 0))
    v["tillfallen"] = v["samtal"] + v["grupptraffar"] + v["oppningar"]
    return v


def insatsens_agare(insats: Insats) -> str:
    return f"u{insats.utforare_id}" if insats.utforare_id else f"i{insats.pk}"


#: An insats's utförare over time: (from the day, utförare), oldest first.
Tider = list[tuple[datetime.date, int | None]]


def utforartider(insatser: Sequence[Insats]) -> dict[int, Tider]:
    """The insatser that have had more than one utförare (the catalogue's history), with
    when each took over."""
    ut: dict[int, Tider] = defaultdict(list)
    for pk, nar, utforare in (
        Insats.history.filter(id__in=[i.pk for i in insatser])
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "utforare_id")
    ):
        tider = ut[pk]
        if not tider or tider[-1][1] != utforare:
            tider.append((timezone.localdate(nar), utforare))
    return {pk: t for pk, t in ut.items() if len({u for _, u in t} - {None}) > 1}


def utforarna(tider: Tider) -> list[int]:
    """Every utförare that held the insats, in id order."""
    return sorted({u for _, u in tider if u is not None})


def utforare_under(tider: Tider, start: datetime.date, slut: datetime.date) -> set[int]:
    """Every utförare that carried the insats out some day from `start` to `slut`."""
    fore = [u for dag, u in tider if dag <= start]
    ut = {fore[-1] if fore else tider[0][1]}
    ut |= {u for dag, u in tider if start < dag <= slut}
    return {u for u in ut if u is not None}


class Bygge:
    """The posts and samband of one new publication, with the frozen ones it is tied to."""

    def __init__(self, k: int, typ: str) -> None:
        self.k = k
        self.typ = typ  # the sub-periods under the year: "halvar" or "tertial"
        self.poster: dict[sg.Nyckel, sg.Post] = {}
        self.agare: dict[str, str | None] = {KAT: None}
        # An utförare with two or more insatser -> them: its people across them are a count
        # its own staff know (their records; the "Alla" row of "hittills i år"), never shown.
        self.utforare: dict[str, list[str]] = {}
        # The insatser that changed utförare: whoever carried one out in a column's days knows
        # its records there (`agare_i`).
        self.tider: dict[str, Tider] = {}
        # Where the counts of such an insats are today's records (a new column, a sub-period
        # as counted now), each utförare knows the part it holds, as its "hittills i år"
        # shows it: (insats, kolumn) -> the units of the parts ("<insats>:u<id>"), never
        # shown nor stored (`dela`). The insats's own counts there are then nobody's.
        self.delar: dict[tuple[str, str], list[str]] = {}
        # Whose a column of such an insats is where today's records decided it (`dela`).
        self.vem: dict[tuple[str, str], str | None] = {}

    def post(
        self,
        matt: str,
        enhet: str,
        kolumn: str,
        sant: int,
        *,
        status: str = sg.VISAS,
        kostnad: int = 0,
        fryst: bool = False,
        primar: bool = False,
        troskel: int | None = None,
    ) -> None:
        agare = self.agare_i(enhet, kolumn)
        self.poster[(matt, enhet, kolumn)] = sg.Post(
            (matt, enhet, kolumn),
            sant,
            agare,
            delagare=self.delagare(enhet) if agare is None else (),
            status=status,
            kostnad=kostnad,
            fryst=fryst,
            primar=primar,
            heltal="@" in kolumn,
            troskel=troskel,
            minst=1 if matt.startswith(VILLKORSTYP) else 0,
        )

    def agare_i(self, enhet: str, kolumn: str) -> str | None:
        """Whose counts a column of a unit's are. An insats handed from one utförare to
        another in the column's days (a revision's: from its period's start to the end of
        the grace period of the publication it is in) is known to both – the old one
        registered, the new one registers and sees its own records on "hittills i år" – so
        it is nobody's whole: each knows its part (`dela`, on the columns counted from
        today's records, and through them the frozen ones), and a small count of it is
        protected from each in turn (`sg.Post.delagare`). Where today's records are one
        utförare's, the column is that one's."""
        if (enhet, kolumn) in self.vem:
            return self.vem[(enhet, kolumn)]
        tider = self.tider.get(enhet)
        if tider is None:
            return self.agare[enhet]
        bas, _, i_publicering = kolumn.partition("@")
        period, publicering = Period.tolka(bas), Period.tolka(i_publicering or bas)
        if period is None or publicering is None:
            return f"i{enhet}"
        slut = publicering.slut + (karens() if i_publicering else datetime.timedelta())
        utforare = utforare_under(tider, period.start, slut)
        return f"u{utforare.pop()}" if len(utforare) == 1 else None

    def delagare(self, enhet: str) -> tuple[str, ...]:
        """Every utförare that held an insats (none for the catalogue)."""
        return tuple(f"u{u}" for u in utforarna(self.tider.get(enhet, [])))

    def kolumn(self, enhet: str, kolumn: str, v: dict[str, int]) -> None:
        """The counts of one insats (or the catalogue) in one period or revision."""
        ar = ar_kolumn(kolumn)
        for m in MATT:
            if not (ar or m.delperiod) or ("@" in kolumn and m.nyckel == "unika"):
                continue
            # What to hide first to protect a small count: a sub-period (0), the catalogue's
            # sub-period (1), a year's count (2); the year's headlines only as a last resort,
            # the catalogue's (3) before an insats's (4), and they are never withdrawn.
            if ar and enhet == KAT and m.sammanfattning:
                kostnad = 3
            elif ar and enhet != KAT and m.huvudtal:
                kostnad = 4
            else:
                kostnad = 2 if ar else 1 if enhet == KAT else 0
            self.post(m.nyckel, enhet, kolumn, v[m.nyckel], kostnad=kostnad)
        if not ar and "@" not in kolumn:
            for del_ in UTFALL:  # the outcomes not shown per sub-period, for their total
                if not MATTEN[del_].delperiod:
                    self.post(del_, enhet, kolumn, v[del_], status=sg.OPUBLICERAD)

    def nu(self) -> None:
        """Each sub-period with revisions as counted now, per measure and unit: the year less
        the other sub-periods (with theirs) gives it, though neither the frozen count nor a
        revision is pinned – two contacts, hidden, and one registered late, hidden, are three
        for anyone who subtracts. A small one must not be pinned (`sg.Post.mal`)."""
        revisioner: dict[str, list[str]] = defaultdict(list)
        for kolumn in {n[2] for n in self.poster}:
            if "@" in kolumn:
                revisioner[kolumn.split("@")[0]].append(kolumn)
        for (matt, enhet, kolumn), post in list(self.poster.items()):
            if kolumn not in revisioner or not (matt in MATTEN and MATTEN[matt].delperiod):
                continue
            revs = [(matt, enhet, r) for r in revisioner[kolumn] if (matt, enhet, r) in self.poster]
            if revs:
                nyckel = (matt, enhet, kolumn + NU)
                sant = post.sant + sum(self.poster[r].sant for r in revs)
                agare = {self.poster[n].agare for n in [(matt, enhet, kolumn), *revs]}
                vem = self.vem.get((enhet, kolumn + NU), agare.pop() if len(agare) == 1 else None)
                self.poster[nyckel] = sg.Post(
                    nyckel,
                    sant,
                    vem,
                    delagare=self.delagare(enhet) if vem is None else (),
                    status=sg.OPUBLICERAD,
                    mal=True,
                )

    def dela(self, enhet: str, kolumn: str, per_utforare: dict[int, dict[str, Any]]) -> None:
        """An insats that changed utförare, in a column counted from today's records: what
        each utförare holds of them (`per_utforare`, its `siffror`). Where one utförare holds
        them all the column is its; where several do, each knows its part and nobody the
        whole (a part is the sum of its records, as the utförare's "hittills i år" shows it,
        and the insats's counts are the parts' sum – its participants at most that). Call
        before the insats's own counts of the column."""
        har = [u for u, d in per_utforare.items() if any(varden(d).values())]
        if not har:
            return
        if len(har) == 1:
            self.vem[(enhet, kolumn)] = f"u{har[0]}"
            return
        self.vem[(enhet, kolumn)] = None
        delar = self.delar[(enhet, kolumn)] = []
        for u, d in sorted(per_utforare.items()):
            del_ = f"{enhet}:u{u}"
            self.agare[del_] = f"u{u}"
            delar.append(del_)
            fore = set(self.poster)
            self.kolumn(del_, kolumn, varden(d))
            if ar_kolumn(kolumn):
                self.arstabeller(del_, kolumn, d)
            for n in set(self.poster) - fore:
                if n[0] == "avvisade":  # a refused free text records no utförare
                    del self.poster[n]
                else:
                    self.poster[n].status, self.poster[n].kostnad = sg.OPUBLICERAD, 0
                    # The insats's count less the parts the others know gives it: a small
                    # one must not be pinned (one person the new utförare took in, ended,
                    # is the year's six less the old utförare's five).
                    self.poster[n].mal = True

    def _delens(self, matt: str, enhet: str, del_: str, kod: str) -> sg.Nyckel | tuple[()] | None:
        """A part's count of a sub-period as it is counted today (as counted now where it was
        published): its own post; the insats's where its utförare holds all of it; () where
        another utförare does (none of it); None where it is not known."""
        for kolumn in (kod + NU, kod):
            if (matt, del_, kolumn) in self.poster:
                return (matt, del_, kolumn)
            if (enhet, kolumn) in self.vem:
                if self.vem[(enhet, kolumn)] != self.agare[del_]:
                    return ()
                return (matt, enhet, kolumn) if (matt, enhet, kolumn) in self.poster else None
        return None

    def personer(self, agare: str, kolumn: str, antal: int) -> None:
        """The people across the insatser of one utförare (agare) in a period: known to that
        utförare, so the attacker who knows it knows the catalogue's people are at most these
        plus the other utförares' participants. Never published nor stored."""
        self.agare[agare] = agare
        self.post("unika", agare, kolumn, antal, status=sg.OPUBLICERAD)

    def arstabeller(self, enhet: str, kolumn: str, d: dict[str, Any]) -> None:
        """The tables only published per insats and year."""
        for total, falt in KON_ALDER.items():
            celler = d.get(falt, {})
            for kon, _ in KON:
                for grupp, _ in ALDERSGRUPPER:
                    self.post(
                        f"{total}.ka.{kon}.{grupp}", enhet, kolumn, celler.get((kon, grupp), 0)
                    )
                self.post(
                    f"{total}.kon.{kon}",
                    enhet,
                    kolumn,
                    sum(celler.get((kon, g), 0) for g, _ in ALDERSGRUPPER),
                    kostnad=1,
                )
            for grupp, _ in ALDERSGRUPPER:
                self.post(
                    f"{total}.alder.{grupp}",
                    enhet,
                    kolumn,
                    sum(celler.get((k, grupp), 0) for k, _ in KON),
                    kostnad=1,
                )
        for typ, n in d.get("villkor_per_typ", {}).items():
            self.post(f"{VILLKORSTYP}{typ}", enhet, kolumn, int(n))
        for _, prefix, koder in SOCIALA_FALT:
            for tid in ("start", "slut"):
                per_kod = d.get("social", {}).get(f"{prefix}_{tid}", {})
                for kod, _ in koder:
                    self.post(f"social.{prefix}_{tid}.{kod}", enhet, kolumn, per_kod.get(kod, 0))

    def samband(self) -> list[sg.Samband]:
        """Every relation among the posts that holds in truth, derived from the posts alone
        (so frozen and new publications are tied the same way)."""
        ut: list[sg.Samband] = []
        per_kolumn: dict[tuple[str, str], list[str]] = defaultdict(list)  # (matt, kolumn)
        per_enhet: dict[tuple[str, str], list[sg.Nyckel]] = defaultdict(list)  # (enhet, kolumn)
        # The parts of an insats that changed utförare: each is a unit of its own tables (its
        # breakdowns hold), but not a part of the catalogue nor of a year of frozen columns.
        delenheter = {d for delar_ in self.delar.values() for d in delar_}
        for matt, enhet, kolumn in self.poster:
            if enhet in self.utforare:
                continue
            if enhet not in delenheter:
                per_kolumn[(matt, kolumn)].append(enhet)
            per_enhet[(enhet, kolumn)].append((matt, enhet, kolumn))
        finns = self.poster.__contains__
        kolumner = {n[2] for n in self.poster}
        enheter = {n[1] for n in self.poster} - set(self.utforare)
        # An utförare's people: at least those of each of its insatser, at most their sum; the
        # catalogue's at least an utförare's, and at most the utförare's people plus the
        # participants of the insatser of no such utförare.
        for kolumn in kolumner:
            kat = ("unika", KAT, kolumn)
            egna = [("unika", u, kolumn) for u in self.utforare if finns(("unika", u, kolumn))]
            if not egna or not finns(kat):
                continue
            ovriga = set(per_kolumn[("unika", kolumn)]) - {KAT}
            for u, insatser in self.utforare.items():
                if not finns(("unika", u, kolumn)):
                    continue
                # An insats the utförare holds only part of counts with that part; one whose
                # column is another's, not at all.
                hela = [i for i in insatser if self.agare_i(i, kolumn) == u]
                delar = [("unika", i, kolumn) for i in hela if finns(("unika", i, kolumn))]
                delar += [
                    ("unika", f"{i}:{u}", kolumn)
                    for i in insatser
                    if f"{i}:{u}" in self.delar.get((i, kolumn), ())
                    and finns(("unika", f"{i}:{u}", kolumn))
                ]
                ut.append(sg.Samband.hogst(("unika", u, kolumn), delar))
                ut += [sg.Samband.minst(("unika", u, kolumn), d) for d in delar]
                ut.append(sg.Samband.minst(kat, ("unika", u, kolumn)))
                ovriga -= set(hela)
            ut.append(sg.Samband.hogst(kat, [*egna, *(("unika", i, kolumn) for i in ovriga)]))
        for (matt, kolumn), har in per_kolumn.items():
            if KAT not in har or matt not in MATTEN:
                continue
            delar = [(matt, e, kolumn) for e in har if e != KAT]
            if matt == "unika":
                if "@" in kolumn:
                    continue
                ut.append(sg.Samband.hogst((matt, KAT, kolumn), delar))
                ut += [sg.Samband.minst((matt, KAT, kolumn), d) for d in delar]
            else:
                ut.append(sg.Samband.summa((matt, KAT, kolumn), delar))
        for enhet in enheter:
            for kolumn in kolumner:
                for total, delar_ in DELNINGAR:
                    delar = [(d, enhet, kolumn) for d in delar_]
                    if finns((total, enhet, kolumn)) and all(map(finns, delar)):
                        ut.append(sg.Samband.summa((total, enhet, kolumn), delar))
                if not ar_kolumn(kolumn) or enhet == KAT:
                    continue
                for total in KON_ALDER:
                    if not finns((f"{total}.kon.{KON[0][0]}", enhet, kolumn)):
                        continue
                    for kon, _ in KON:
                        ut.append(
                            sg.Samband.summa(
                                (f"{total}.kon.{kon}", enhet, kolumn),
                                [
                                    (f"{total}.ka.{kon}.{g}", enhet, kolumn)
                                    for g, _ in ALDERSGRUPPER
                                ],
                            )
                        )
                    for grupp, _ in ALDERSGRUPPER:
                        ut.append(
                            sg.Samband.summa(
                                (f"{total}.alder.{grupp}", enhet, kolumn),
                                [(f"{total}.ka.{k}.{grupp}", enhet, kolumn) for k, _ in KON],
                            )
                        )
                    ut.append(
                        sg.Samband.summa(
                            (total, enhet, kolumn),
                            [(f"{total}.kon.{k}", enhet, kolumn) for k, _ in KON],
                        )
                    )
                egna = per_enhet[(enhet, kolumn)]
                villkor = [n for n in egna if n[0].startswith(VILLKORSTYP)]
                if villkor:
                    ut.append(sg.Samband.summa(("villkor_ej", enhet, kolumn), villkor))
                # Housing and occupation are asked of those who ended: no more answers than
                # ended participations (some do not answer).
                avslut = [(m, enhet, kolumn) for m in ("avslutade", "avbrutna")]
                for _, prefix, _ in SOCIALA_FALT:
                    for tid in ("start", "slut"):
                        svar = [n for n in egna if n[0].startswith(f"social.{prefix}_{tid}.")]
                        if svar and all(map(finns, avslut)):
                            ut.append(sg.Samband(tuple(avslut), tuple(svar), lika=False))
                # Problems are counted among the participations that ended.
                if finns(("problem", enhet, kolumn)) and all(map(finns, avslut)):
                    ut.append(sg.Samband(tuple(avslut), (("problem", enhet, kolumn),), lika=False))
                # The young without guardian consent, and the participations continued under a
                # new deltagarkod, are among the participants.
                for bland in ("unga_utan_samtycke", "nya_deltagarkoder"):
                    if finns(("unika", enhet, kolumn)) and finns((bland, enhet, kolumn)):
                        ut.append(
                            sg.Samband.minst(("unika", enhet, kolumn), (bland, enhet, kolumn))
                        )
        # An insats held in parts: the sum of its parts (its participants: at most their sum,
        # at least each); and a part's year is its sub-periods as counted now.
        for (enhet, kolumn), delar_ in self.delar.items():
            for matt in {n[0] for n in self.poster if n[1:] == (enhet, kolumn)}:
                delar = [(matt, d, kolumn) for d in delar_ if finns((matt, d, kolumn))]
                if matt.startswith("medel.") or len(delar) != len(delar_):
                    continue
                if matt == "unika":
                    ut.append(sg.Samband.hogst((matt, enhet, kolumn), delar))
                    ut += [sg.Samband.minst((matt, enhet, kolumn), d) for d in delar]
                else:
                    ut.append(sg.Samband.summa((matt, enhet, kolumn), delar))
            hel: sg.Nyckel = ("unika", enhet, kolumn.removesuffix(NU))
            personer = [("unika", d, kolumn) for d in delar_ if finns(("unika", d, kolumn))]
            if kolumn.endswith(NU) and finns(hel) and len(personer) == len(delar_):
                # A frozen sub-period's participants and the parts as counted now, where it
                # still holds (none voided since).
                if sum(self.poster[d].sant for d in personer) >= self.poster[hel].sant:
                    ut.append(sg.Samband.hogst(hel, personer))
                ut += [
                    sg.Samband.minst(hel, d)
                    for d in personer
                    if self.poster[hel].sant >= self.poster[d].sant
                ]
            if not ar_kolumn(kolumn):
                continue
            sub = [p.kod for p in delperioder(int(kolumn), self.typ)]
            for d in delar_:
                for m in MATT:
                    if not m.delperiod or not finns((m.nyckel, d, kolumn)):
                        continue
                    halvar = [self._delens(m.nyckel, enhet, d, h) for h in sub]
                    if m.nyckel == "unika":
                        ut += [
                            sg.Samband.minst((m.nyckel, d, kolumn), h)
                            for h in halvar
                            if h and finns(h)
                        ]
                    elif all(h is not None and (h == () or finns(h)) for h in halvar):
                        ut.append(sg.Samband.summa((m.nyckel, d, kolumn), [h for h in halvar if h]))
        # A sub-period as counted now is its frozen count plus its revisions.
        for matt, enhet, kolumn in self.poster:
            if kolumn.endswith(NU) and enhet not in delenheter:
                bas = kolumn.removesuffix(NU)
                revs = sorted(k for k in kolumner if k.startswith(f"{bas}@"))
                delar = [(matt, enhet, k) for k in [bas, *revs] if finns((matt, enhet, k))]
                ut.append(sg.Samband.summa((matt, enhet, kolumn), delar))
        # The year is its sub-periods as frozen plus every revision of them since.
        for kolumn in (k for k in kolumner if ar_kolumn(k)):
            ar = int(kolumn)
            delar_ = [p.kod for p in delperioder(ar, self.typ)]
            # The revisions of the year's sub-periods published during the year.
            rev_kolumner = sorted(
                k
                for k in kolumner
                if "@" in k and k.split("@")[0] in delar_ and k.split("@")[1][:4] == kolumn
            )
            for enhet in enheter - delenheter:
                for m in MATT:
                    if not m.delperiod or not finns((m.nyckel, enhet, kolumn)):
                        continue
                    frysta = [(m.nyckel, enhet, d) for d in delar_ if finns((m.nyckel, enhet, d))]
                    if m.nyckel == "unika":
                        # A person in a sub-period is one in the year – unless a participation
                        # was voided after the sub-period was published (it has no revision):
                        # what is not true is no relation anyone can reason with, and the
                        # audit would find no value at all for the year and stop.
                        ar_sant = self.poster[(m.nyckel, enhet, kolumn)].sant
                        ut += [
                            sg.Samband.minst((m.nyckel, enhet, kolumn), f)
                            for f in frysta
                            if ar_sant >= self.poster[f].sant
                        ]
                        continue
                    revisioner = [
                        (m.nyckel, enhet, k) for k in rev_kolumner if finns((m.nyckel, enhet, k))
                    ]
                    ut.append(sg.Samband.summa((m.nyckel, enhet, kolumn), frysta + revisioner))
        # What an utförare's known practice ties together, where it holds.
        ut += vantelistans_samband(self.poster, sorted(enheter - delenheter - {KAT}), kolumner)
        return ut
