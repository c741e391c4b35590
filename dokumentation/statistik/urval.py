"""The period and insatser a statistic is computed for (`Urval`), and the building blocks every
query of the package uses: a query over several periods at once, its rows remembered for the
others, and counts per insats."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

#: A period: its first and last day.
Period = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Urval:
    """A fixed period and, optionally, which insatser and whose records (`utforare`: only the
    records of these utförare, as their own staff know them – an insats handed from one utförare
    to another has records of both); made by `Urval.flera`, one of several periods whose
    statistics are computed together (the years of one table)."""

    start: datetime.date
    slut: datetime.date
    insatser: tuple[int, ...] | None = None
    # The periods computed together, this one among them (only itself when empty).
    perioder: tuple[Period, ...] = ()
    # Shared by the periods computed together: the rows of each query, per period.
    _minne: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    utforare: tuple[int, ...] | None = None

    @classmethod
    def flera(
        cls,
        perioder: Sequence[Period],
        insatser: Sequence[int] | None = None,
        utforare: Sequence[int] | None = None,
    ) -> list[Urval]:
        """One urval per period, computed together: each query runs once for all of them
        (a table's three years read each table once)."""
        minne: dict[str, Any] = {}
        valda = None if insatser is None else tuple(insatser)
        vems = None if utforare is None else tuple(utforare)
        return [cls(start, slut, valda, tuple(perioder), minne, vems) for start, slut in perioder]

    @property
    def period(self) -> Period:
        return (self.start, self.slut)

    def filtrera(self, qs: QuerySet, falt: str = "insats_id") -> QuerySet:  # type: ignore[type-arg]
        """Only the urval's insatser (`falt` leads to the insats) and, when `utforare` is set,
        only its records (the record's own utförare, beside its insats)."""
        if self.insatser is not None:
            qs = qs.filter(**{f"{falt}__in": self.insatser})
        if self.utforare is not None:
            qs = qs.filter(**{falt.removesuffix("insats_id") + "utforare_id__in": self.utforare})
        return qs


#: A query for several periods at once: given the periods and an urval that spans them (its
#: insatser), each row of the result with the period it belongs to.
Fraga = Callable[[Sequence[Period], Urval], Iterable[tuple[Period, dict[str, Any]]]]


def per_datum(
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


def fragans_rader(
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
            spann = Urval(start, slut, insatser, utforare=urval.utforare)
            for period, rad in fraga(perioder, spann):
                minne[period].append(rad)
    return minne[urval.period]


def antal_per_insats(
    namn: str, urval: Urval, datum: str, rader: Callable[[Urval], QuerySet[Any]]
) -> dict[int, int]:
    """How many of the period's `rader(urval)` each insats has, each placed in a period by its
    `datum` (a query kept like `fragans_rader`)."""
    return {
        int(r["insats_id"]): int(r["antal"])
        for r in fragans_rader(
            namn,
            urval,
            per_datum(
                datum,
                lambda u: u.filtrera(rader(u)).values("insats_id").annotate(antal=Count("id")),
            ),
        )
    }


def nycklat_per_insats(
    rader: Iterable[dict[str, object]], nyckel: str, varde: str
) -> dict[int, dict[str, int]]:
    ut: dict[int, dict[str, int]] = defaultdict(dict)
    for rad in rader:
        ut[int(rad["insats_id"])][str(rad[nyckel])] = int(rad[varde] or 0)  # type: ignore[call-overload]
    return dict(ut)
