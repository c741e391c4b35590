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
        self.poster[(matt, enhet, kolumn)] = sg.Post(
            (matt, enhet, kolumn),
            sant,
            self.agare_i(enhet, kolumn),
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
        registered, the new one registers and sees the rest on "hittills i år" – so it is
        its own: known to every attacker but the one protecting it."""
        tider = self.tider.get(enhet)
        if tider is None:
            return self.agare[enhet]
        bas, _, i_publicering = kolumn.partition("@")
        period, publicering = Period.tolka(bas), Period.tolka(i_publicering or bas)
        if period is None or publicering is None:
            return f"i{enhet}"
        slut = publicering.slut + (karens() if i_publicering else datetime.timedelta())
        utforare = utforare_under(tider, period.start, slut)
        return f"u{utforare.pop()}" if len(utforare) == 1 else f"i{enhet}"

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
                self.poster[nyckel] = sg.Post(
                    nyckel,
                    sant,
                    agare.pop() if len(agare) == 1 else f"i{enhet}",
                    status=sg.OPUBLICERAD,
                    mal=True,
                )

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
        for matt, enhet, kolumn in self.poster:
            if enhet in self.utforare:
                continue
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
                delar = [("unika", i, kolumn) for i in insatser if finns(("unika", i, kolumn))]
                ut.append(sg.Samband.hogst(("unika", u, kolumn), delar))
                ut += [sg.Samband.minst(("unika", u, kolumn), d) for d in delar]
                ut.append(sg.Samband.minst(kat, ("unika", u, kolumn)))
                ovriga -= set(insatser)
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
        # A sub-period as counted now is its frozen count plus its revisions.
        for matt, enhet, kolumn in self.poster:
            if kolumn.endswith(NU):
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
            for enhet in enheter:
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
        if i.utforare_id:
            per_agare[f"u{i.utforare_id}"].append(i)
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
    for period in nya:
        u = underlag.get(period)
        for i in insatser:
            d = u.siffror([i.pk]) if u else {}
            bygge.kolumn(str(i.pk), period.kod, _varden(d))
            if period.typ == "ar":
                bygge.arstabeller(str(i.pk), period.kod, d)
                _medel(bygge, str(i.pk), period.kod, d, k)
        bygge.kolumn(KAT, period.kod, _varden(u.siffror(pk) if u else {}))
        for agare, egna in bygge.utforare.items():
            antal = u.siffror([int(i) for i in egna]).get("unika", 0) if u else 0
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


def lagras(bygge: Bygge, n: sg.Nyckel, p: sg.Post) -> bool:
    """A post of the new publication to store: not frozen, not an utförare's people nor a
    sub-period as counted now (audited, never published)."""
    return not p.fryst and n[1] not in bygge.utforare and not n[2].endswith(NU)


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
