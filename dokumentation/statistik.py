"""The de-identified interface that follow-up reads (DESIGN.md §5). Every function returns
counts computed in the database by aggregate queries, keyed by insats id, for one fixed
period. No function returns a model instance, a name, a personnummer, a deltagarkod or free
text; uppfoljning may import this module and nothing else of dokumentation (import-linter).
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Avvisning, Kontakt, Villkorssvar
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Tillfalle
from dokumentation.val import (
    Avbrottsorsak,
    Boende,
    Problem,
    SkalOverTak,
    Svar,
    Sysselsattning,
    Utfall,
)

UTFALL = [u.value for u in Utfall]
#: The codes (and their names) that the counts of `avslut` and `over_taket` are broken down
#: by: reasons for stopping early, problems that arose, reasons for a session over a cap.
AVBROTTSORSAKER: list[tuple[str, str]] = [(str(v), str(n)) for v, n in Avbrottsorsak.choices]
PROBLEM: list[tuple[str, str]] = [(str(v), str(n)) for v, n in Problem.choices]
SKAL_OVER_TAK: list[tuple[str, str]] = [(str(v), str(n)) for v, n in SkalOverTak.choices]

#: A period: its first and last day.
Period = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Urval:
    """A fixed period and, optionally, which insatser; made by `Urval.flera`, one of several
    periods whose statistics are computed together (the years of one table)."""

    start: datetime.date
    slut: datetime.date
    insatser: tuple[int, ...] | None = None
    # The periods computed together, this one among them (only itself when empty).
    perioder: tuple[Period, ...] = ()
    # Shared by the periods computed together: the rows of each query, per period.
    _minne: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def flera(
        cls, perioder: Sequence[Period], insatser: Sequence[int] | None = None
    ) -> list[Urval]:
        """One urval per period, computed together: each query runs once for all of them
        (a table's three years read each table once)."""
        minne: dict[str, Any] = {}
        valda = None if insatser is None else tuple(insatser)
        return [cls(start, slut, valda, tuple(perioder), minne) for start, slut in perioder]

    @property
    def period(self) -> Period:
        return (self.start, self.slut)

    def filtrera(self, qs: QuerySet, falt: str = "insats_id") -> QuerySet:  # type: ignore[type-arg]
        return qs if self.insatser is None else qs.filter(**{f"{falt}__in": self.insatser})


#: A query for several periods at once: given the periods and an urval that spans them (its
#: insatser), each row of the result with the period it belongs to.
Fraga = Callable[[Sequence[Period], Urval], Iterable[tuple[Period, dict[str, Any]]]]


def _per_datum(
    datum: str,
    fraga: Callable[[Urval], QuerySet[Any, dict[str, Any]]],
    rad: Callable[[dict[str, Any]], dict[str, Any]] = dict,
) -> Fraga:
    """The query `fraga(u)` over `u.start`–`u.slut` (a values queryset) for several periods,
    where each row belongs to the one period its `datum` falls in: grouped by period as well.
    `rad` makes each row JSON."""

    def for_perioder(
        perioder: Sequence[Period], u: Urval
    ) -> Iterable[tuple[Period, dict[str, Any]]]:
        if len(perioder) == 1:
            return ((perioder[0], rad(r)) for r in fraga(u))
        nr = Case(
            *(When(**{f"{datum}__range": p}, then=Value(i)) for i, p in enumerate(perioder)),
            output_field=IntegerField(),
        )
        # A row in a gap between the periods is in none.
        return (
            (perioder[r.pop("periodnr")], rad(r))
            for r in fraga(u).annotate(periodnr=nr)
            if r["periodnr"] is not None
        )

    return for_perioder


def _rader(
    namn: str,
    urval: Urval,
    fraga: Fraga,
    bara: Callable[[Urval], Sequence[int]] | None = None,
) -> list[dict[str, Any]]:
    """The rows of one aggregate query over the urval. The query runs once for all the periods
    computed together, and what it gives the others is remembered for them.
    `bara(u)`: only these of the urval's insatser have rows in the period `u` (none: no query)."""
    minne: dict[Period, list[dict[str, Any]]] = urval._minne.setdefault(f"rader:{namn}", {})
    if urval.period not in minne:
        perioder = list(urval.perioder or [urval.period])
        minne |= {p: [] for p in perioder}
        insatser = urval.insatser
        if bara is not None:
            insatser = tuple(
                sorted({i for p in perioder for i in bara(replace(urval, start=p[0], slut=p[1]))})
            )
        if insatser != ():
            start, slut = min(p[0] for p in perioder), max(p[1] for p in perioder)
            for period, rad in fraga(perioder, Urval(start, slut, insatser)):
                minne[period].append(rad)
    return minne[urval.period]


def _antal(
    namn: str, urval: Urval, datum: str, rader: Callable[[Urval], QuerySet[Any]]
) -> dict[int, int]:
    """How many of the period's `rader(urval)` each insats has, each placed in a period by its
    `datum` (a query kept like `_rader`)."""
    return {
        int(r["insats_id"]): int(r["antal"])
        for r in _rader(
            namn,
            urval,
            _per_datum(
                datum,
                lambda u: u.filtrera(rader(u)).values("insats_id").annotate(antal=Count("id")),
            ),
        )
    }


def _per_insats(
    rader: Iterable[dict[str, object]], nyckel: str, varde: str
) -> dict[int, dict[str, int]]:
    ut: dict[int, dict[str, int]] = defaultdict(dict)
    for rad in rader:
        ut[int(rad["insats_id"])][str(rad[nyckel])] = int(rad[varde] or 0)  # type: ignore[call-overload]
    return dict(ut)


def kontakter(
    urval: Urval,
) -> tuple[dict[int, dict[str, int]], dict[int, dict[tuple[str, str], int]]]:
    """Contacts by outcome and how many were told of the right to apply (11 kap. 6 §); and
    everyone who turned to the utförare by sex and age band. One pass over the contacts."""
    rader = _rader(
        "kontakter",
        urval,
        _per_datum(
            "datum",
            lambda u: (
                u.filtrera(Kontakt.objects.filter(datum__range=(u.start, u.slut)))
                .values("insats_id", "kon", "aldersgrupp")
                .annotate(
                    totalt=Count("id"),
                    informerade=Count("id", filter=Q(informerad_11_6=True)),
                    **{utfall: Count("id", filter=Q(utfall=utfall)) for utfall in UTFALL},
                )
            ),
        ),
    )
    per_insats: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    kon_alder: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for r in rader:
        insats_id = int(r["insats_id"])
        kon_alder[insats_id][(str(r["kon"]), str(r["aldersgrupp"]))] = int(r["totalt"])
        for k, v in r.items():
            if k not in ("insats_id", "kon", "aldersgrupp"):
                per_insats[insats_id][k] += int(v)
    return {i: dict(v) for i, v in per_insats.items()}, dict(kon_alder)


def ej_uppfyllda_villkor(urval: Urval) -> dict[int, dict[str, int]]:
    """Villkor answered "not met" at contacts, by villkor type."""
    rader = _rader(
        "ej_uppfyllda_villkor",
        urval,
        _per_datum(
            "kontakt__datum",
            lambda u: (
                u.filtrera(
                    Villkorssvar.objects.filter(
                        kontakt__datum__range=(u.start, u.slut), svar=Svar.EJ_UPPFYLLT
                    ),
                    "kontakt__insats_id",
                )
                .values("kontakt__insats_id", "villkor_typ")
                .annotate(antal=Count("id"))
            ),
        ),
    )
    return _per_insats(
        ({"insats_id": r["kontakt__insats_id"], **r} for r in rader), "villkor_typ", "antal"
    )


def _aktiv(start: datetime.date, slut: datetime.date) -> Q:
    """A participation that was ongoing at some point of the period (not waiting)."""
    return (
        ~Q(status=Deltagande.Status.VANTAR)
        & Q(startdatum__lte=slut)
        & (Q(slutdatum__isnull=True) | Q(slutdatum__gte=start))
    )


def _vantar(slut: datetime.date) -> Q:
    """A participation on the waiting list at the period's end."""
    return Q(status=Deltagande.Status.VANTAR, startdatum__lte=slut)


def _deltagare_per_period(
    perioder: Sequence[Period], u: Urval
) -> Iterable[tuple[Period, dict[str, Any]]]:
    # A participation counts in every period it was ongoing in, so the periods are columns
    # of one row per insats, not groups: each table read once, as the floor does.
    kolumner: dict[str, Count] = {}
    for nr, (start, slut) in enumerate(perioder):
        kolumner |= {
            f"personer_{nr}": Count("personnyckel", distinct=True, filter=_aktiv(start, slut)),
            f"koder_{nr}": Count("id", filter=_aktiv(start, slut) & Q(personnyckel__isnull=True)),
            f"unga_{nr}": Count(
                "id", filter=_aktiv(start, slut) & Q(utan_vardnadshavare_21_2=True)
            ),
            f"vantar_{nr}": Count("id", filter=_vantar(slut)),
        }
    # Ongoing in or waiting at the end of any of the periods (the columns pick out which).
    nagon = Q(startdatum__lte=u.slut) & (
        Q(status=Deltagande.Status.VANTAR) | Q(slutdatum__isnull=True) | Q(slutdatum__gte=u.start)
    )
    for r in u.filtrera(Deltagande.objects.filter(nagon)).values("insats_id").annotate(**kolumner):
        for nr, period in enumerate(perioder):
            varden = {k: r[f"{k}_{nr}"] for k in ("personer", "koder", "unga", "vantar")}
            if any(varden.values()):
                yield period, {"insats_id": r["insats_id"], **varden}


def deltagare(urval: Urval) -> dict[int, dict[str, int]]:
    """Unique participants per insats: identified persons counted once however many
    participations they have, each deltagarkod once; the young people from 15 taking part
    without guardian consent (21 kap. 2 §); and the waiting list at the period's end."""
    ut: dict[int, dict[str, int]] = {}
    for r in _rader("deltagare_och_vantelista", urval, _deltagare_per_period):
        varden = ut[int(r["insats_id"])] = {}
        if r["personer"] or r["koder"]:  # someone took part
            varden["unika"] = int(r["personer"]) + int(r["koder"])
            varden["unga_utan_samtycke"] = int(r["unga"])
        if r["vantar"]:
            varden["vantelista_nu"] = int(r["vantar"])
    return ut


def unika_personer_totalt(urval: Urval) -> int:
    """Identified persons across all the insatser, each once, plus every deltagarkod."""

    aktiva = urval.filtrera(Deltagande.objects.filter(_aktiv(urval.start, urval.slut)))
    personer = aktiva.exclude(personnyckel=None).values("personnyckel").distinct().count()
    return personer + aktiva.filter(personnyckel=None).count()


def _vid_tillfallen(
    modell: type[Narvaro] | type[Besoksantal], typ: str, *falt: str, **aggregat: Aggregate
) -> Fraga:
    """Rows of `modell` at the period's sessions of one kind (attendance at group meetings,
    visits at openings), per insats and `falt`. Naming the kind lets the planner leave the
    other sessions out before the join."""
    return _per_datum(
        "tillfalle__datum",
        lambda u: (
            u.filtrera(
                modell.objects.filter(
                    tillfalle__datum__range=(u.start, u.slut), tillfalle__typ=typ
                ),
                "tillfalle__insats_id",
            )
            .values("tillfalle__insats_id", *falt)
            .annotate(**aggregat)
        ),
    )


def tillfallen(
    urval: Urval,
) -> tuple[dict[int, dict[str, int]], dict[int, dict[tuple[str, str], int]]]:
    """Sessions by kind, attendance at group meetings and visits to open activities; and the
    visits by sex and age band (headcounts, never people)."""

    def per_typ(u: Urval) -> list[dict[str, Any]]:
        return _rader(
            "tillfallen",
            u,
            _per_datum(
                "datum",
                lambda u: (
                    u.filtrera(Tillfalle.objects.filter(datum__range=(u.start, u.slut)))
                    .values("insats_id")
                    .annotate(
                        samtal=Count("id", filter=Q(typ=Tillfalle.Typ.INDIVIDUELLT)),
                        grupptraffar=Count("id", filter=Q(typ=Tillfalle.Typ.GRUPPTRAFF)),
                        oppningar=Count("id", filter=Q(typ=Tillfalle.Typ.OPPNING)),
                    )
                ),
            ),
        )

    def med(typ: str) -> Callable[[Urval], list[int]]:
        return lambda u: [int(r["insats_id"]) for r in per_typ(u) if r[typ]]

    ut = {
        int(r["insats_id"]): {k: int(v) for k, v in r.items() if k != "insats_id"}
        for r in per_typ(urval)
    }
    # Attendance is only at the period's group meetings and visits only at its openings, so
    # they are counted only where there were any: exact, and it spares a query that finds
    # nothing (the planner, not knowing that the kind follows from the insats, may start
    # parallel workers for it).
    narvaro = _rader(
        "narvaro",
        urval,
        _vid_tillfallen(Narvaro, Tillfalle.Typ.GRUPPTRAFF, antal=Count("id")),
        bara=med("grupptraffar"),
    )
    for r in narvaro:
        ut.setdefault(int(r["tillfalle__insats_id"]), {})["narvaro"] = int(r["antal"])
    besok = _rader(
        "besok",
        urval,
        _vid_tillfallen(
            Besoksantal, Tillfalle.Typ.OPPNING, "kon", "aldersgrupp", antal=Sum("antal")
        ),
        bara=med("oppningar"),
    )
    per_cell: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for r in besok:
        insats_id = int(r["tillfalle__insats_id"])
        per_cell[insats_id][(str(r["kon"]), str(r["aldersgrupp"]))] = int(r["antal"] or 0)
        varden = ut.setdefault(insats_id, {})
        varden["besok"] = varden.get("besok", 0) + int(r["antal"] or 0)
    return ut, dict(per_cell)


SOCIALA_FALT = {
    "boende_start": Boende,
    "boende_slut": Boende,
    "sysselsattning_start": Sysselsattning,
    "sysselsattning_slut": Sysselsattning,
}


@dataclass(frozen=True)
class Avslut:
    """What is known of the participations that ended in the period, per insats."""

    antal: dict[int, dict[str, int]]
    social: dict[int, dict[str, dict[str, int]]]
    maende: dict[int, dict[str, float]]


_AVSLUTADE = [Deltagande.Status.AVSLUTAD, Deltagande.Status.AVBRUTEN]


@functools.cache
def _avslutens_aggregat() -> QuerySet[Deltagande, dict[str, Any]]:
    """The aggregates of `avslut`, some fifty, built once per process: each period only adds
    its filters. (Building them took as long as running the query for one insats.)"""
    bada = Q(maende_start__isnull=False, maende_slut__isnull=False)
    return Deltagande.objects.values("insats_id").annotate(
        avslutade=Count("id", filter=Q(status=Deltagande.Status.AVSLUTAD)),
        avbrutna=Count("id", filter=Q(status=Deltagande.Status.AVBRUTEN)),
        **{
            f"orsak_{orsak}": Count(
                "id", filter=Q(status=Deltagande.Status.AVBRUTEN, avbrottsorsak=orsak)
            )
            for orsak in ["", *Avbrottsorsak.values]
        },
        # Problems that arose (14 kap. 5 §), among the participations that ended.
        **{
            f"problem_{kod}": Count("id", filter=Q(status__in=_AVSLUTADE, problem=kod))
            for kod in Problem.values
        },
        **{
            f"{falt}:{kod}": Count("id", filter=Q(**{falt: kod}))
            for falt, koder in SOCIALA_FALT.items()
            for kod in koder.values
        },
        # Named apart from the fields, which the filter refers to.
        m_antal=Count("id", filter=bada),
        m_start=Sum("maende_start", filter=bada),
        m_slut=Sum("maende_slut", filter=bada),
    )


def avslut(urval: Urval) -> Avslut:
    """Participations ended in the period, in one pass: as planned or early (with reasons,
    `orsak_<code>`, `orsak_` for none given), the problems that arose (`problem_<code>`),
    housing and occupation at start and at end, and self-rated wellbeing at start and at end
    for those with both. Then referrals at the cap."""
    sociala = [f"{falt}:{kod}" for falt, koder in SOCIALA_FALT.items() for kod in koder.values]
    rader = _rader(
        "avslut",
        urval,
        _per_datum(
            "slutdatum",
            # Filtering after the aggregates is still WHERE: the fields are not aggregates.
            lambda u: u.filtrera(_avslutens_aggregat().filter(slutdatum__range=(u.start, u.slut))),
        ),
    )
    ut: dict[int, dict[str, int]] = {}
    social: dict[int, dict[str, dict[str, int]]] = {}
    maende: dict[int, dict[str, float]] = {}
    for r in rader:
        insats_id = int(r["insats_id"])
        ut[insats_id] = {"avslutade": int(r["avslutade"]), "avbrutna": int(r["avbrutna"])}
        ut[insats_id] |= {
            k: int(v) for k, v in r.items() if k.startswith(("orsak_", "problem_")) and v
        }
        per_falt: dict[str, dict[str, int]] = defaultdict(dict)
        for nyckel in sociala:
            if r[nyckel]:
                falt, kod = nyckel.split(":")
                per_falt[falt][kod] = int(r[nyckel])
        if per_falt:
            social[insats_id] = dict(per_falt)
        if r["m_antal"]:
            antal = int(r["m_antal"])
            maende[insats_id] = {
                "antal": antal,
                "start": int(r["m_start"]) / antal,
                "slut": int(r["m_slut"]) / antal,
            }
    tak = _antal(
        "hanvisade_vid_tak",
        urval,
        "hanvisad_ansoka",
        lambda u: Deltagande.objects.filter(hanvisad_ansoka__range=(u.start, u.slut)),
    )
    for insats_id, n in tak.items():
        ut.setdefault(insats_id, {})["hanvisade_vid_tak"] = n
    return Avslut(ut, social, maende)


def vantetid(urval: Urval) -> dict[int, dict[str, int]]:
    """Waiting time in days for those who got a place in the period after waiting."""
    return {
        int(r["insats_id"]): {"vantat_antal": int(r["antal"]), "vantat_dagar": int(r["dagar"])}
        for r in _rader(
            "vantetid",
            urval,
            _per_datum(
                "startdatum",
                lambda u: (
                    u.filtrera(
                        Deltagande.objects.filter(
                            startdatum__range=(u.start, u.slut), startdatum__gt=F("kontakt__datum")
                        )
                    )
                    .values("insats_id")
                    .annotate(
                        antal=Count("id"),
                        dagar=Sum(
                            ExpressionWrapper(
                                F("startdatum") - F("kontakt__datum"),
                                output_field=DurationField(),
                            )
                        ),
                    )
                ),
                rad=lambda r: {**r, "dagar": r["dagar"].days if r["dagar"] else 0},
            ),
        )
    }


def avvisade_fritexter(urval: Urval) -> dict[int, int]:
    """Free texts refused because they could reveal identity (internal control)."""
    return _antal(
        "avvisade_fritexter",
        urval,
        "tidpunkt__date",
        lambda u: Avvisning.objects.filter(tidpunkt__date__range=(u.start, u.slut)),
    )


def over_taket(urval: Urval) -> dict[int, dict[str, int]]:
    """Sessions given beyond a cap of 11 kap. 5 § by an explicit choice – talks, and presence
    at group meetings – per insats: `over_taket` in all, and how many for each reason (the
    codes of SkalOverTak). Counted by the session's date."""

    def per_skal(modell: type[Tillfalle] | type[Narvaro], prefix: str) -> Fraga:
        return _per_datum(
            f"{prefix}datum",
            lambda u: (
                u.filtrera(
                    modell.objects.filter(**{f"{prefix}datum__range": (u.start, u.slut)}).exclude(
                        over_taket=""
                    ),
                    f"{prefix}insats_id",
                )
                .values("over_taket", insats_nr=F(f"{prefix}insats_id"))
                .annotate(antal=Count("id"))
            ),
        )

    ut: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for namn, modell, prefix in (
        ("over_taket_samtal", Tillfalle, ""),
        ("over_taket_narvaro", Narvaro, "tillfalle__"),
    ):
        for rad in _rader(namn, urval, per_skal(modell, prefix)):
            varden = ut[int(rad["insats_nr"])]
            varden["over_taket"] += int(rad["antal"])
            varden[str(rad["over_taket"])] += int(rad["antal"])
    return {i: dict(v) for i, v in ut.items()}


def orosanmalningar(urval: Urval) -> dict[int, int]:
    """Reports of worry about a child made by staff of insatser without identity, per insats
    (the record holds nothing else)."""
    return _antal(
        "orosanmalningar",
        urval,
        "datum",
        lambda u: Orosanmalan.objects.filter(datum__range=(u.start, u.slut)),
    )


def nya_deltagarkoder(urval: Urval) -> dict[int, int]:
    """New deltagarkoder given to participants who lost their card, per insats, by the day the
    new code was given: each is a participation that continues an earlier one, not a new
    participant."""
    return _antal(
        "nya_deltagarkoder",
        urval,
        "startdatum",
        lambda u: Deltagande.objects.filter(
            startdatum__range=(u.start, u.slut), tidigare_tillfallen__gt=0
        ),
    )


def forsta_datum(insatser: Sequence[int]) -> datetime.date | None:
    """The first day anything was registered for these insatser (where publication starts)."""
    datum = [
        Kontakt.objects.filter(insats_id__in=insatser).aggregate(d=Min("datum"))["d"],
        Tillfalle.objects.filter(insats_id__in=insatser).aggregate(d=Min("datum"))["d"],
        Deltagande.objects.filter(insats_id__in=insatser).aggregate(d=Min("startdatum"))["d"],
    ]
    return min((d for d in datum if d is not None), default=None)
