"""The statistics of closed periods, kept so that a report need not read years of raw rows
again each time it is opened (issue 6: the municipality-wide report under a second).

Each aggregate query of `statistik` is kept per insats and period as the rows it returned,
together with the sum of the insats's change counters over the period when it was computed.
The counters are kept by triggers in the database (migration 0008): any write that could alter
a closed month's numbers adds to that month's counter, so a kept result whose sum no longer
matches is computed again, for the insatser that changed only. The numbers are therefore always
those the raw rows give; what is kept is never older than the last change.

Only closed periods are kept: periods that ended before the month that began two days ago.
The counters are read before the rows are computed, so a change that lands in between leaves
the kept result with an old sum, and it is computed again the next time. On SQLite (the local
demo) there are no triggers, and everything is computed afresh.
"""

from __future__ import annotations

import datetime
import hashlib
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


def andringar(
    start: datetime.date, slut: datetime.date, insatser: Sequence[int] | None
) -> dict[int, int]:
    """The sum of each insats's change counters over the period; every insats (when None)
    or the given ones, those never changed with 0."""
    i_perioden = Q(andringar__manad__range=(start.replace(day=1), slut))
    qs = Insats.objects.all() if insatser is None else Insats.objects.filter(pk__in=insatser)
    return {
        pk: int(summa or 0)
        for pk, summa in qs.annotate(summa=Sum("andringar__antal", filter=i_perioden))
        .values_list("pk", "summa")
        .order_by()
    }


def kvar(
    start: datetime.date, slut: datetime.date, insatser: Iterable[int]
) -> dict[tuple[str, int], tuple[int, list[Rad]]]:
    """What is kept for the period and the insatser, of every query at once: (query, insats)
    to (the sum of the change counters it was computed at, its rows)."""
    return {
        (fraga, int(nyckel)): (summa, sparade)
        for fraga, nyckel, summa, sparade in Statistikcache.objects.filter(
            start=start, slut=slut, nyckel__in=[str(i) for i in insatser]
        ).values_list("fraga", "nyckel", "andringar", "rader")
    }


def rader(
    namn: str,
    start: datetime.date,
    slut: datetime.date,
    insatser: Sequence[int] | None,
    fraga: Callable[[Sequence[int] | None], Iterable[Rad]],
    falt: str,
    las_raknare: Callable[[], dict[int, int]],
    las_kvar: Callable[[], dict[tuple[str, int], tuple[int, list[Rad]]]],
) -> list[Rad]:
    """The rows of the aggregate query `namn` for the period, grouped by insats in `falt`.
    `fraga(insatser)` runs it for those insatser (None: all); its rows must be JSON (numbers,
    strings, None). Kept rows are used where their insats has not changed since.
    `las_raknare()` gives the change counters (`andringar`) and `las_kvar()` what is kept
    (`kvar`), each read once for all the queries of the period by the caller, the counters
    first; they may cover more insatser than `insatser`."""
    if not stangd(start, slut):
        return list(fraga(insatser))
    raknare = las_raknare()
    if insatser is not None:  # some of the insatser the counters were read for
        valda = set(insatser)
        raknare = {i: summa for i, summa in raknare.items() if i in valda}
    kvar = las_kvar()
    ut: list[Rad] = []
    inaktuella = []
    for insats_id, summa in raknare.items():
        sparad_summa, sparade = kvar.get((namn, insats_id), (None, []))
        if sparad_summa == summa:
            ut += sparade
        else:
            inaktuella.append(insats_id)
    if inaktuella:
        alla = insatser is None and len(inaktuella) == len(raknare)
        nya = list(fraga(None if alla else inaktuella))
        per_insats: dict[int, list[Rad]] = defaultdict(list)
        for rad in nya:
            per_insats[int(rad[falt])].append(rad)
        _spara(
            namn,
            start,
            slut,
            {str(i): (raknare[i], per_insats.get(i, [])) for i in inaktuella},
        )
        # Rows of an insats created after the counters were read are not kept, but shown.
        ut += nya
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
    summa = sum(andringar(start, slut, insatser).values())
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
    one per query (a yearly follow-up computes some thirty). Nothing is written if the block
    fails; what it computed is simply computed again next time."""
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
    if poster:
        Statistikcache.objects.bulk_create(
            poster,
            update_conflicts=True,
            unique_fields=["fraga", "start", "slut", "nyckel"],
            update_fields=["andringar", "rader"],
        )
