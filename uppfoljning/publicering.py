"""Publication: the statistics of a closed period, computed once, protected jointly with
everything published before it, and frozen (README, "Publicering och röjandeskydd").

The periods are one nested hierarchy per catalogue: the year and its half-years, or the year
and its tertials (PUBLICERING_DELPERIOD). A sub-period is published once it has ended and the
grace period for late registrations (PUBLICERING_KARENS_DAGAR) has passed; the year is
published with its last sub-period. What is registered later into a published period never
changes it: the next publication shows it as a revision ("efterregistrerat").

Every count of a publication is a `Post` (matt, enhet, kolumn): enhet is an insats id or
"KAT" (the whole catalogue); kolumn is a year ("2026"), a sub-period ("2026-H1") or a revision
("2026-H1@2026-H2": registered into 2026-H1 after it was published, counted in the
publication of 2026-H2). skyddsgranskning decides what is hidden.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from dokumentation import statistik
from insatser.models import Insats, Katalog
from uppfoljning import skyddsgranskning as sg
from uppfoljning.indikatorer import ALDERSGRUPPER, KON, SOCIALA_FALT, Underlag
from uppfoljning.models import Publicering, Publiceringspost
from uppfoljning.perioder import Period

logger = logging.getLogger(__name__)

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


# --- Computing the counts --------------------------------------------------------------------


def _varden(d: dict[str, Any]) -> dict[str, int]:
    v = {m.nyckel: int(d.get(m.nyckel, 0) or 0) for m in MATT}
    v["kontakter"] = int(d.get("totalt", 0))
    v["ej_informerade"] = v["kontakter"] - int(d.get("informerade", 0))
    v["tillfallen"] = v["samtal"] + v["grupptraffar"] + v["oppningar"]
    return v


def _agare(insats: Insats) -> str:
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
        har = [u for u, d in per_utforare.items() if any(_varden(d).values())]
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
            self.kolumn(del_, kolumn, _varden(d))
            if ar_kolumn(kolumn):
                self.arstabeller(del_, kolumn, d)
            for n in set(self.poster) - fore:
                if n[0] == "avvisade":  # a refused free text records no utförare
                    del self.poster[n]
                else:
                    self.poster[n].status, self.poster[n].kostnad = sg.OPUBLICERAD, 0

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
        return ut


# --- Publishing ------------------------------------------------------------------------------


def att_publicera(katalog: Katalog, idag: datetime.date) -> list[datetime.date]:
    """The end dates of the closed periods not yet published, oldest first."""
    forsta = statistik.forsta_datum(list(_insatser(katalog).values_list("pk", flat=True)))
    if forsta is None:
        return []
    gjorda = set(katalog.publiceringar.values_list("slut", flat=True))
    typ = _typ(katalog)
    ut = []
    for ar in range(forsta.year, idag.year + 1):
        for p in delperioder(ar, typ):
            if publiceras(p) <= idag and p.slut not in gjorda:
                ut.append(p.slut)
    return ut


def _typ(katalog: Katalog) -> str:
    """The hierarchy is chosen once: after the first publication it never changes."""
    forsta = katalog.publiceringar.order_by("slut").first()
    return str(forsta.parametrar["delperiod"]) if forsta else delperiod()


def _insatser(katalog: Katalog) -> Any:
    return (
        Insats.objects.filter(katalog=katalog)
        .exclude(status=Insats.Status.UTKAST)
        .order_by("ordning", "pk")
    )


def publicera(katalog: Katalog, slut: datetime.date) -> Publicering | None:
    """Compute, protect and store the publication of the periods ending on `slut`. Does
    nothing (None) if it exists already, also when another process made it meanwhile."""
    try:
        with transaction.atomic():
            Katalog.objects.select_for_update().get(pk=katalog.pk)  # one publisher at a time
            if katalog.publiceringar.filter(slut=slut).exists():
                return None
            return _publicera(katalog, slut)
    except IntegrityError:
        return None


def _publicera(katalog: Katalog, slut: datetime.date) -> Publicering:
    typ = _typ(katalog)
    ar = slut.year
    del_ = next(p for p in delperioder(ar, typ) if p.slut == slut)
    nya = [del_] + ([Period(ar)] if slut.month == 12 else [])
    k = troskel()
    insatser = list(_insatser(katalog))
    bygge = Bygge(k, typ)
    bygge.tider = {str(pk): t for pk, t in utforartider(insatser).items()}
    per_agare: dict[str, list[Insats]] = defaultdict(list)
    for i in insatser:
        bygge.agare[str(i.pk)] = _agare(i)
        # An insats that changed utförare is among the insatser of each that held it.
        for u in sorted(set(utforarna(bygge.tider.get(str(i.pk), []))) | {i.utforare_id}):
            per_agare[f"u{u}"].append(i)
    bygge.utforare = {
        a: [str(i.pk) for i in lista] for a, lista in per_agare.items() if len(lista) > 1
    }
    # What is frozen: this year's publications (tied to the new one) and last year's (their
    # sub-periods may have late registrations to publish now, and such a sub-period as counted
    # now is its frozen count plus the revision: both are in the audit).
    tidigare = list(
        Publiceringspost.objects.filter(
            publicering__katalog=katalog,
            publicering__slut__gte=datetime.date(ar - 1, 1, 1),
            publicering__slut__lt=slut,
        ).values(
            "matt",
            "insats_id",
            "kolumn",
            "sant",
            "status",
            "primar",
            "publicering__slut",
            "publicering__parametrar",
        )
    )
    for p in tidigare:
        enhet = str(p["insats_id"]) if p["insats_id"] else KAT
        if enhet in bygge.agare:
            bygge.post(
                p["matt"],
                enhet,
                p["kolumn"],
                p["sant"],
                status=p["status"],
                fryst=True,
                primar=p["primar"],
                # Read by the rule it was published under, if the threshold has changed since.
                troskel=int(p["publicering__parametrar"].get("troskel", k)),
            )
    publicerade = {
        p["kolumn"] for p in tidigare if "@" not in p["kolumn"] and not ar_kolumn(p["kolumn"])
    }
    revideras = [per for kod in sorted(publicerade) if (per := Period.tolka(kod)) is not None]
    perioder: list[Period] = [*nya, *revideras]
    pk = [i.pk for i in insatser]
    underlag: dict[Period, Underlag] = {}
    if pk:
        # Periods computed together must not overlap: the year apart from its sub-periods.
        for grupp in (
            [p for p in perioder if p.typ == "ar"],
            [p for p in perioder if p.typ != "ar"],
        ):
            if grupp:
                underlag |= dict(zip(grupp, Underlag.flera(grupp, pk), strict=True))
    delade = _per_utforare(bygge, insatser, perioder)
    for period in nya:
        u = underlag.get(period)
        for i in insatser:
            d = u.siffror([i.pk]) if u else {}
            if i.pk in delade:
                bygge.dela(
                    str(i.pk), period.kod, {v: x[period].siffror([i.pk]) for v, x in delade[i.pk]}
                )
            bygge.kolumn(str(i.pk), period.kod, _varden(d))
            if period.typ == "ar":
                bygge.arstabeller(str(i.pk), period.kod, d)
                _medel(bygge, str(i.pk), period.kod, d, k)
        bygge.kolumn(KAT, period.kod, _varden(u.siffror(pk) if u else {}))
        for agare, egna in bygge.utforare.items():
            antal = u.siffror([int(i) for i in egna]).get("unika", 0) if u else 0
            if u and any(int(i) in delade for i in egna):
                # Its people are those of its own records (its "hittills i år").
                antal = statistik.unika_personer_totalt(
                    statistik.Urval(
                        period.start,
                        period.slut,
                        tuple(int(i) for i in egna),
                        utforare=(int(agare[1:]),),
                    )
                )
            bygge.personer(agare, period.kod, int(antal))
    # Revisions: what the frozen sub-periods count now, less what was published of them.
    kand: dict[tuple[str, str, str], int] = defaultdict(int)
    for p in tidigare:
        enhet = str(p["insats_id"]) if p["insats_id"] else KAT
        bas = p["kolumn"].split("@")[0]
        kand[(p["matt"], enhet, bas)] += p["sant"]  # withdrawn counts were counted too
    rev_matt = [m for m in MATT if m.delperiod and m.nyckel != "unika"]
    for period in revideras:
        kolumn = revision(period.kod, del_.kod)
        summa: dict[str, int] = defaultdict(int)
        for i in insatser:
            nu = _varden(underlag[period].siffror([i.pk]))
            v = {m.nyckel: nu[m.nyckel] - kand[(m.nyckel, str(i.pk), period.kod)] for m in rev_matt}
            for m, n in v.items():
                summa[m] += n
            bygge.kolumn(str(i.pk), kolumn, defaultdict(int, v))
            if i.pk in delade:  # the sub-period as counted now (Bygge.nu), in parts
                bygge.dela(
                    str(i.pk),
                    period.kod + NU,
                    {v: x[period].siffror([i.pk]) for v, x in delade[i.pk]},
                )
        bygge.kolumn(KAT, kolumn, defaultdict(int, summa))
    bygge.nu()
    granskning = sg.skydda(bygge.poster, bygge.samband(), k)
    publicering = Publicering.objects.create(
        katalog=katalog,
        slut=slut,
        perioder=[p.kod for p in nya],
        metod=METOD,
        parametrar={
            "troskel": k,
            "delperiod": typ,
            "karens_dagar": karens().days,
            "skydd": "Varje dolt litet tal (1 till tröskeln − 1) har minst två möjliga heltal "
            "för den som känner alla andra utförares verkliga tal.",
        },
        granskning={
            "primart_dolda": granskning.primara,
            "sekundart_dolda": len(granskning.sekundara),
            "tillbakadragna": len(granskning.tillbakadragna),
            "heltalsprogram": granskning.losningar,
        },
    )
    Publiceringspost.objects.bulk_create(
        Publiceringspost(
            publicering=publicering,
            matt=n[0],
            insats_id=None if n[1] == KAT else int(n[1]),
            kolumn=n[2],
            sant=p.sant,
            status=p.status,
            primar=p.primar,
        )
        for n, p in bygge.poster.items()
        if lagras(bygge, n, p)
    )
    return publicering


def _per_utforare(
    bygge: Bygge, insatser: list[Insats], perioder: list[Period]
) -> dict[int, list[tuple[int, dict[Period, Underlag]]]]:
    """For each insats that changed utförare: each utförare that held it, with the
    statistics of its own records in it per period (computed together per utförare)."""
    vems: dict[int, list[int]] = defaultdict(list)
    for i in insatser:
        for u in utforarna(bygge.tider.get(str(i.pk), [])):
            vems[u].append(i.pk)
    ut: dict[int, list[tuple[int, dict[Period, Underlag]]]] = defaultdict(list)
    for u, egna in vems.items():
        underlag: dict[Period, Underlag] = {}
        for grupp in (
            [p for p in perioder if p.typ == "ar"],
            [p for p in perioder if p.typ != "ar"],
        ):
            if grupp:
                underlag |= dict(zip(grupp, Underlag.flera(grupp, egna, [u]), strict=True))
        for pk in egna:
            ut[pk].append((u, underlag))
    return dict(ut)


def lagras(bygge: Bygge, n: sg.Nyckel, p: sg.Post) -> bool:
    """A post of the new publication to store: not frozen, not an utförare's people, a
    sub-period as counted now nor an utförare's part of an insats (audited, never
    published)."""
    return not p.fryst and n[1] not in bygge.utforare and not n[2].endswith(NU) and ":" not in n[1]


def _medel(bygge: Bygge, enhet: str, kolumn: str, d: dict[str, Any], k: int) -> None:
    """Means rest on at least k people, or are hidden. The number of people is not published,
    and means are published per insats and year only, so no two can be combined. A mean is
    also hidden where it would tell how many people were not at the scale's end
    (`medel_visas`)."""
    for namn, _ in MEDEL:
        if namn == "vantetid":
            antal = int(d.get("vantat_antal", 0))
            summa = int(d.get("vantat_dagar", 0))
            medel = summa / antal if antal else None
            # Waiting starts the day after the contact at the earliest; it has no ceiling.
            golv, tak = 1, None
        else:
            antal = int(d.get("maende_antal", 0))
            medel = d.get(namn)
            summa = round(medel * antal) if medel is not None else 0
            golv, tak = 1, 5
        if medel is None:
            continue
        bygge.poster[(f"medel.{namn}", enhet, kolumn)] = sg.Post(
            (f"medel.{namn}", enhet, kolumn),
            round(medel * 10),
            bygge.agare[enhet],
            status=sg.VISAS if medel_visas(summa, antal, golv, tak, k) else sg.DOLD,
            granskas=False,  # not counts: outside the audit, never a secondary
        )


def medel_visas(summa: int, antal: int, golv: int, tak: int | None, k: int) -> bool:
    """Whether a mean of `antal` whole values from `golv` to `tak` (None: no ceiling) adding
    up to `summa` may be shown. It rests on at least k people; and its sum is either at the
    scale's end or at least k steps from it. A mean times the number of people is the sum,
    and the number can often be bounded (a shown mean of wellbeing rests on at least k of
    the participations that ended, which are published): five ratings from 1 to 5 adding up
    to 6 are four 1s and one 2, a count of 1. At least k steps from the end leave every
    count of people at a value at least two possibilities, or none below k
    (tests/uppfoljning/test_harledda.py checks it for every sum)."""
    if antal < k:
        return False
    fran_golvet = summa - golv * antal
    fran_taket = tak * antal - summa if tak is not None else 0
    return not (0 < fran_golvet < k or 0 < fran_taket < k)


class Misslyckades(Exception):
    """Some catalogues could not be published; every other one was (`gjorda`)."""

    def __init__(self, gjorda: list[Publicering], fel: list[tuple[Katalog, Exception]]) -> None:
        super().__init__(", ".join(f"{k}: {e}" for k, e in fel))
        self.gjorda = gjorda
        self.fel = fel


def publicera_allt(idag: datetime.date | None = None) -> list[Publicering]:
    """Every closed period of every catalogue not yet published (the daily run). A catalogue
    that fails stops at its failing period, and the others are published all the same: one
    municipality's error does not hold back another's statistics. The failures are raised
    together at the end (Misslyckades). The database failing (a lost connection, the wrong
    role) stops the run at once."""
    idag = idag or timezone.localdate()
    ut: list[Publicering] = []
    fel: list[tuple[Katalog, Exception]] = []
    for katalog in Katalog.objects.order_by("pk"):
        try:
            for slut in att_publicera(katalog, idag):
                p = publicera(katalog, slut)
                if p is not None:
                    ut.append(p)
        except DatabaseError:
            raise
        except Exception as e:  # kept, logged and raised after the others
            logger.exception("Publiceringen av %s misslyckades", katalog)
            fel.append((katalog, e))
    if fel:
        raise Misslyckades(ut, fel)
    return ut


def nasta(katalog: Katalog, idag: datetime.date) -> tuple[Period, datetime.date]:
    """The next period to be published and the day it will be."""
    typ = _typ(katalog)
    gjorda = set(katalog.publiceringar.values_list("slut", flat=True))
    fran = max(gjorda).year if gjorda else idag.year - 1
    for ar in range(fran, idag.year + 2):
        for p in delperioder(ar, typ):
            if p.slut not in gjorda and (gjorda or publiceras(p) > idag):
                return p, max(publiceras(p), idag)
    raise AssertionError("unreachable")  # pragma: no cover
