"""The internal control's view of the access log: in how many months of a year each
utförare's log had reads, and in how many of those every read was reviewed by the one whose
job it is (dokumentation/logg/ansvar.py): the staff's by the enhetschef's monthly review, or
at an utförare without an enhetschef by the verksamhetschef's review that says it covered
them (`Logggranskning.personalens`); the enhetschefer's own by the verksamhetschef of the
municipality whose insats was read. A month with reads and nobody's review is not reviewed.
Counts of months (and utförare ids) only: nothing of who read whom leaves here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from django.db.models.functions import ExtractMonth

from dokumentation.logg.ansvar import av_enhetschef
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from organisation.models import Anvandare, Behorighet, Roll


def loggkontroll_per_manad(utforare_ids: Collection[int], ar: int) -> dict[tuple[int, int], bool]:
    """For each (utförare id, month) of the year with reads: was every read reviewed?"""
    lasta = set(
        Atkomstlogg.objects.filter(utforare_id__in=utforare_ids, tidpunkt__year=ar)
        .annotate(
            manad=ExtractMonth("tidpunkt"),
            chef=av_enhetschef(),
        )
        .values_list("utforare_id", "manad", "deltagande__insats__katalog__kommunen_id", "chef")
        .distinct()
    )
    enhetschefens: set[tuple[int, int]] = set()
    # (utförare, month, municipality, covers the staff) -> {reviewer: left own reads to others}
    verksamhetschefens: dict[tuple[int, int, int, bool], dict[int, bool]] = defaultdict(dict)
    for u, m, k, granskare, egna, personalens in Logggranskning.objects.filter(
        utforare_id__in=utforare_ids, manad__year=ar
    ).values_list(
        "utforare_id", "manad", "kommun_id", "granskare_id", "egna_undantagna", "personalens"
    ):
        if k is None:
            enhetschefens.add((u, m.month))
        else:
            for galler_personalen in {False, personalens}:
                forra = verksamhetschefens[(u, m.month, k, galler_personalen)]
                forra[granskare] = forra.get(granskare, True) and egna > 0

    def av_verksamhetschef(u: int, m: int, k: int, personalen: bool) -> bool:
        # Nobody reviews their own reads: one review that left none aside, or two reviewers.
        granskare = verksamhetschefens.get((u, m, k, personalen), {})
        return len(granskare) > 1 or any(not lamnade for lamnade in granskare.values())

    svar: dict[tuple[int, int], bool] = {}
    for u, m, k, chef in lasta:
        granskad = (
            av_verksamhetschef(u, m, k, False)
            if chef
            else (u, m) in enhetschefens or av_verksamhetschef(u, m, k, True)
        )
        svar[(u, m)] = svar.get((u, m), True) and granskad
    return svar


def loggkontroll(utforare_ids: Collection[int], ar: int) -> tuple[int, int]:
    """(months with reads in the log, of those the months wholly reviewed), summed over the
    utförare: one month of one utförare is one. Three queries, on the log's date index."""
    manader = loggkontroll_per_manad(utforare_ids, ar)
    return len(manader), sum(manader.values())


def granskningar_sql() -> str:
    """A scalar SQL expression for a cache key (uppfoljning.rapportcache) that changes when a
    review `loggkontroll` counts at the utförare of a catalogue's insatser is saved or deleted
    for the year, or when who is enhetschef there changes (which decides whose review a read
    needs; a year's months with reads are fixed once the year is over: a row of the log is
    dated when written). Parameters: the catalogue's id, the year's first day, the next
    year's first day, the catalogue's id again."""
    tabell = Logggranskning._meta.db_table
    behorighet = Behorighet._meta.db_table
    anvandare = Anvandare._meta.db_table
    return f"""
        (SELECT count(*) || ':' || coalesce(max(g.id), 0) FROM {tabell} g
         WHERE g.utforare_id IN (SELECT utforare_id FROM insatser_insats WHERE katalog_id = %s)
           AND g.manad >= %s AND g.manad < %s)
        || '/' ||
        (SELECT count(*) || ':' || coalesce(max(b.id), 0) || ':'
                || count(*) FILTER (WHERE a.is_active)
         FROM {behorighet} b JOIN {anvandare} a ON a.id = b.anvandare_id
         WHERE b.roll = '{Roll.ENHETSCHEF.value}'
           AND b.utforare_id IN (SELECT utforare_id FROM insatser_insats WHERE katalog_id = %s))
    """  # noqa: S608 - table names and the role from the code, values as parameters
