"""The statistics of closed periods, kept so that a report need not read years of raw rows
again each time it is opened (issue 6: the municipality-wide report under a second).

Each aggregate query of `statistik` is kept per insats and period as the rows it returned,
together with the sum of the insats's change counters over the period when it was computed.
The counters are kept by triggers in the database (migration 0008): any write that could alter
a closed month's numbers adds to that month's counter, so a kept result whose sum no longer
matches is computed again, for the insatser that changed only. The numbers are therefore
always those the raw rows give; what is kept is never older than the last change. Several
periods may be asked at once (the years of one table); what they have not kept is then
computed in one query for all of them.

Only closed periods are kept: periods that ended before the month that began two days ago.
The counters are read before the rows are computed, so a change that lands in between leaves
the kept result with an old sum, and it is computed again the next time. On SQLite (the local
demo) there are no triggers, and everything is computed afresh.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from dokumentation.models import Statistikcache
from insatser.models import Insats

Rad = dict[str, Any]


def stangd(start: datetime.date, slut: datetime.date) -> bool:
    """Whether the period [start, slut] is closed: whole months that ended before the month of
    the day before yesterday, so no registration still under way can land in it unseen."""
    if connection.vendor != "postgresql":
        return False
    grans = (timezone.localdate() - datetime.timedelta(days=2)).replace(day=1)
    return start <= slut < grans


#: A period: its first and last day.
Period = tuple[datetime.date, datetime.date]


def andringar(
    perioder: Sequence[Period], insatser: Sequence[int] | None
) -> dict[Period, dict[int, int]]:
    """Per period, the sum of each insats's change counters over it; every insats (when None)
    or the given ones, those never changed with 0. One query for all the periods."""
    qs = Insats.objects.all() if insatser is None else Insats.objects.filter(pk__in=insatser)
    summor = {
        f"s{nr}": Sum(
            "andringar__antal", filter=Q(andringar__manad__range=(start.replace(day=1), slut))
        )
        for nr, (start, slut) in enumerate(perioder)
    }
    ut: dict[Period, dict[int, int]] = {p: {} for p in perioder}
    for rad in qs.values("pk").annotate(**summor).order_by():
        for nr, p in enumerate(perioder):
            ut[p][rad["pk"]] = int(rad[f"s{nr}"] or 0)
    return ut


def kvar(
    perioder: Sequence[Period], insatser: Iterable[int]
) -> dict[tuple[str, Period, int], tuple[int, list[Rad]]]:
    """What is kept for the periods and the insatser, of every query at once: (query, period,
    insats) to (the sum of the change counters it was computed at, its rows)."""
    if not perioder:
        return {}
    i_perioderna = Q()
    for start, slut in perioder:
        i_perioderna |= Q(start=start, slut=slut)
    return {
        (fraga, (start, slut), int(nyckel)): (summa, sparade)
        for fraga, start, slut, nyckel, summa, sparade in Statistikcache.objects.filter(
            i_perioderna, nyckel__in=[str(i) for i in insatser]
        ).values_list("fraga", "start", "slut", "nyckel", "andringar", "rader")
    }


def rader(
    namn: str,
    perioder: dict[Period, Sequence[int] | None],
    fraga: Callable[[Sequence[Period], Sequence[int] | None], Iterable[tuple[Period, Rad]]],
    falt: str,
    las_raknare: Callable[[], dict[Period, dict[int, int]]],
    las_kvar: Callable[[], dict[tuple[str, Period, int], tuple[int, list[Rad]]]],
) -> dict[Period, list[Rad]]:
    """The rows of the aggregate query `namn` for each period and its insatser (None: all),
    grouped by insats in `falt`. `fraga(perioder, insatser)` runs it for those periods and
    insatser (None: all) at once, giving each row with its period; its rows must be JSON
    (numbers, strings, None). Kept rows are used where their insats has not changed since,
    and what is left is computed in one run of `fraga`. `las_raknare()` gives the change
    counters (`andringar`) and `las_kvar()` what is kept (`kvar`), each read once for all the
    queries of the periods by the caller, the counters first; they may cover more insatser
    and more periods than asked."""
    ut: dict[Period, list[Rad]] = {p: [] for p in perioder}
    # What is computed afresh: per period, its insatser (None: all).
    berakna: dict[Period, set[int] | None] = {}
    raknare: dict[Period, dict[int, int]] = {}
    for period, insatser in perioder.items():
        if not stangd(*period):
            berakna[period] = None if insatser is None else set(insatser)
            continue
        raknare[period] = las_raknare()[period]
        if insatser is not None:  # some of the insatser the counters were read for
            valda = set(insatser)
            raknare[period] = {i: s for i, s in raknare[period].items() if i in valda}
        kvar = las_kvar()
        inaktuella = set()
        for insats_id, summa in raknare[period].items():
            sparad_summa, sparade = kvar.get((namn, period, insats_id), (None, []))
            if sparad_summa == summa:
                ut[period] += sparade
            else:
                inaktuella.add(insats_id)
        if inaktuella:
            alla = insatser is None and len(inaktuella) == len(raknare[period])
            berakna[period] = None if alla else inaktuella
    if not berakna:
        return ut
    delar = [v for v in berakna.values() if v is not None]
    vilka = sorted(set().union(*delar)) if len(delar) == len(berakna) else None
    nya: dict[Period, dict[int, list[Rad]]] = {p: defaultdict(list) for p in berakna}
    for period, rad in fraga(list(berakna), vilka):
        bara = berakna[period]
        if bara is None or int(rad[falt]) in bara:
            nya[period][int(rad[falt])].append(rad)
    for period, per_insats in nya.items():
        if period in raknare:
            bara = berakna[period]
            _spara(
                namn,
                *period,
                {
                    str(i): (summa, per_insats.get(i, []))
                    for i, summa in raknare[period].items()
                    if bara is None or i in bara
                },
            )
        # Rows of an insats created after the counters were read are not kept, but shown.
        for r in per_insats.values():
            ut[period] += r
    return ut


def for_urval(
    namn: str,
    start: datetime.date,
    slut: datetime.date,
    insatser: Sequence[int] | None,
    fraga: Callable[[], Rad],
) -> Rad:
    """One row for a whole selection of insatser (a count across them, such as persons in
    more than one), kept while no insats in the selection has changed."""
    if not stangd(start, slut):
        return fraga()
    summa = sum(andringar([(start, slut)], insatser)[(start, slut)].values())
    urval = "alla" if insatser is None else ",".join(str(i) for i in sorted(insatser))
    nyckel = "urval:" + hashlib.sha256(urval.encode()).hexdigest()[:32]
    sparad = (
        Statistikcache.objects.filter(fraga=namn, start=start, slut=slut, nyckel=nyckel)
        .values_list("andringar", "rader")
        .first()
    )
    if sparad is not None and sparad[0] == summa:
        return dict(sparad[1][0])
    rad = fraga()
    _spara(namn, start, slut, {nyckel: (summa, [rad])})
    return rad


#: What `samlat` gathers to write at its end; None outside it.
_samlade: ContextVar[dict[tuple[str, datetime.date, datetime.date, str], Statistikcache] | None] = (
    ContextVar("statistiklager_samlade", default=None)
)


@contextmanager
def samlat() -> Iterator[None]:
    """Inside, what is computed to be kept is written in one statement at the end rather than
    one per query (a yearly follow-up computes some thirty); one inside another joins it.
    Nothing is written if the block fails; what it computed is simply computed again next
    time."""
    if _samlade.get() is not None:  # inside another: written at its end
        yield
        return
    samlade: dict[tuple[str, datetime.date, datetime.date, str], Statistikcache] = {}
    token = _samlade.set(samlade)
    try:
        yield
        _skriv(list(samlade.values()))
    finally:
        _samlade.reset(token)


def _spara(
    namn: str, start: datetime.date, slut: datetime.date, nya: dict[str, tuple[int, list[Rad]]]
) -> None:
    poster = [
        Statistikcache(fraga=namn, nyckel=nyckel, start=start, slut=slut, andringar=summa, rader=r)
        for nyckel, (summa, r) in nya.items()
    ]
    samlade = _samlade.get()
    if samlade is None:
        _skriv(poster)
    else:
        samlade.update({(p.fraga, p.start, p.slut, p.nyckel): p for p in poster})


def _skriv(poster: list[Statistikcache]) -> None:
    """Upsert what was computed. Kept statistics exist on PostgreSQL only (`stangd`), and there
    the rows go as one JSON document unpacked by `jsonb_to_recordset`: `bulk_create` sends each
    column as an array literal, and escaping the quotes of thousands of JSON texts into it took
    0.9 s of the municipality-wide report's first view, against 0.3 s this way."""
    if not poster:
        return
    dokument = json.dumps(
        [
            {
                "fraga": p.fraga,
                "nyckel": p.nyckel,
                "start": p.start.isoformat(),
                "slut": p.slut.isoformat(),
                "andringar": p.andringar,
                "rader": p.rader,
            }
            for p in poster
        ]
    )
    with connection.cursor() as c:
        c.execute(
            """INSERT INTO dokumentation_statistikcache
                    (fraga, nyckel, start, slut, andringar, rader)
                SELECT fraga, nyckel, start, slut, andringar, rader
                FROM jsonb_to_recordset(%s::jsonb) AS x (
                    fraga text, nyckel text, start date, slut date, andringar bigint, rader jsonb
                )
                ON CONFLICT (fraga, start, slut, nyckel)
                DO UPDATE SET andringar = EXCLUDED.andringar, rader = EXCLUDED.rader""",
            [dokument],
        )
