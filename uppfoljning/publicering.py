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

The measures and periods are in `uppfoljning.matt`, the counting in `uppfoljning.bygge`; this
module publishes: which periods are due, computing, protecting and freezing them.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from dokumentation import statistik
from insatser.models import Insats, Katalog
from uppfoljning import skyddsgranskning as sg
from uppfoljning.bygge import Bygge, insatsens_agare, utforarna, utforartider, varden
from uppfoljning.indikatorer import Underlag
from uppfoljning.matt import (
    KAT,
    MATT,
    MEDEL,
    METOD,
    NU,
    ar_kolumn,
    delperiod,
    delperioder,
    karens,
    publiceras,
    revision,
    troskel,
)
from uppfoljning.models import Publicering, Publiceringspost
from uppfoljning.perioder import Period

logger = logging.getLogger(__name__)


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
        bygge.agare[str(i.pk)] = insatsens_agare(i)
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
            bygge.kolumn(str(i.pk), period.kod, varden(d))
            if period.typ == "ar":
                bygge.arstabeller(str(i.pk), period.kod, d)
                _medel(
                    bygge,
                    str(i.pk),
                    period.kod,
                    d,
                    k,
                    [x[period].siffror([i.pk]) for _, x in delade.get(i.pk, [])],
                )
        bygge.kolumn(KAT, period.kod, varden(u.siffror(pk) if u else {}))
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
            nu = varden(underlag[period].siffror([i.pk]))
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
    medel_efter_skyddet(bygge.poster)
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
            "för den som känner alla andra utförares verkliga tal, och likaså varje liten summa "
            "av dolda delar av en summa.",
        },
        granskning={
            "primart_dolda": granskning.primara,
            "sekundart_dolda": len(granskning.sekundara),
            "tillbakadragna": len(granskning.tillbakadragna),
            "heltalsprogram": granskning.losningar,
            "grupper_med_liten_summa": granskning.grupper,
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


def _medel(
    bygge: Bygge,
    enhet: str,
    kolumn: str,
    d: dict[str, Any],
    k: int,
    delar: list[dict[str, Any]] | None = None,
) -> None:
    """Means rest on at least k people, or are hidden. The number of people is not published,
    and means are published per insats and year only, so no two can be combined. A mean is
    also hidden where it would tell how many people were not at the scale's end
    (`medel_visas`). An insats that changed utförare during the year has its records in
    parts (`delar`, each utförare's `siffror`), and each utförare knows its own part: the
    mean less that part is the others' mean, so every part that has people must pass the
    same rule (one person taken over in the autumn beside the old utförare's five is a mean
    of one person's wellbeing to the old utförare)."""
    for namn, _ in MEDEL:
        summa, antal, medel = _summa(namn, d)
        golv, tak = (1, None) if namn == "vantetid" else (1, 5)
        if medel is None:
            continue
        visas = medel_visas(summa, antal, golv, tak, k) and all(
            medel_visas(s, n, golv, tak, k)
            for s, n, _ in (_summa(namn, del_) for del_ in delar or [])
            if n
        )
        bygge.poster[(f"medel.{namn}", enhet, kolumn)] = sg.Post(
            (f"medel.{namn}", enhet, kolumn),
            round(medel * 10),
            bygge.agare[enhet],
            status=sg.VISAS if visas else sg.DOLD,
            granskas=False,  # not counts: outside the audit, never a secondary
        )


def medel_efter_skyddet(poster: dict[sg.Nyckel, sg.Post]) -> None:
    """After the audit: a mean is hidden where a count that bounds the number of people it
    rests on (`medlets_antal`) is not shown. That number is not published, but the counts
    bound it, and all of them where the utförare's practice is known (every participation
    rated, everyone on the waiting list given a place): a mean in tenths fits few numbers of
    people below ten, and with one count hidden it may fit one – five as planned, shown, and
    means of wellbeing of 2,3 and 2,5 fit six people and no other number up to nine, so one
    ended early (test_attonde_angrepp); six waiting at the year's start and none at its end,
    and a waiting time of 89,5 days, fit ten who waited and not nine, so a hidden four were
    put on the waiting list in the year, not three (test_nionde_angrepp)."""
    for (matt, enhet, kolumn), p in poster.items():
        if not matt.startswith("medel.") or p.status != sg.VISAS or p.fryst:
            continue
        for nyckel, maste_finnas in medlets_antal(matt, enhet, kolumn):
            bakom = poster.get(nyckel)
            if (bakom is None and maste_finnas) or (bakom and bakom.status != sg.VISAS):
                p.status = sg.DOLD


def medlets_antal(matt: str, enhet: str, kolumn: str) -> list[tuple[sg.Nyckel, bool]]:
    """The counts that bound the number of people a mean of an insats's year rests on, each
    with whether it must be published (a year before the first publication has none).
    Wellbeing: those who ended (rated at start and at end). Waiting time: those who got a
    place after waiting are at most those waiting at the year's start plus those put on the
    waiting list during it, less those still waiting at its end."""
    if matt.startswith("medel.maende_"):
        return [((m, enhet, kolumn), True) for m in ("avslutade", "avbrutna")]
    if matt == "medel.vantetid":
        return [
            (("vantelista", enhet, kolumn), True),
            (("vantelista_nu", enhet, kolumn), True),
            (("vantelista_nu", enhet, str(int(kolumn) - 1)), False),
        ]
    raise ValueError(f"Ett medelvärde utan regel för antalet bakom: {matt}")


def _summa(namn: str, d: dict[str, Any]) -> tuple[int, int, float | None]:
    """A mean's sum, number of people and the mean itself (None without people). Waiting
    starts the day after the contact at the earliest and has no ceiling; wellbeing is 1–5."""
    if namn == "vantetid":
        antal = int(d.get("vantat_antal", 0))
        summa = int(d.get("vantat_dagar", 0))
        return summa, antal, summa / antal if antal else None
    antal = int(d.get("maende_antal", 0))
    medel = d.get(namn)
    return (round(medel * antal) if medel is not None else 0), antal, medel


#: A mean is shown in tenths: from this many people every tenth can be their mean.
TIONDELAR = 10


def medel_visas(summa: int, antal: int, golv: int, tak: int | None, k: int) -> bool:
    """Whether a mean of `antal` whole values from `golv` to `tak` (None: no ceiling) adding
    up to `summa` may be shown. It rests on at least k people; and its sum is either at the
    scale's end or at least k steps from it. A mean times the number of people is the sum,
    and the number can often be bounded (a shown mean of wellbeing rests on at least k of
    the participations that ended, which are published): five ratings from 1 to 5 adding up
    to 6 are four 1s and one 2, a count of 1. At least k steps from the end leave every
    count of people at a value at least two possibilities, or none below k
    (tests/uppfoljning/test_harledda.py checks it for every sum). And a mean shown in
    tenths must not tell how many people it rests on: on ten or more every tenth is possible
    for every number of people, while below ten one is often possible for few (89,5 for
    six, eight or ten; never seven or nine) – so below ten only a whole mean is shown, which
    every number of people can give (test_nionde_angrepp)."""
    if antal < k:
        return False
    if antal < TIONDELAR and summa % antal:
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
