"""The internal control's view of the access log: in how many months of a year each
utförare's log had reads, and in how many of those the enhetschef reviewed it (not the
verksamhetschef's review of the enhetschefer's own reads, `Logggranskning.kommun`). Counts of
months only: nothing of who read whom leaves here."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models.functions import ExtractMonth

from dokumentation.logg.models import Atkomstlogg, Logggranskning


def loggkontroll(utforare_ids: Collection[int], ar: int) -> tuple[int, int]:
    """(months with reads in the log, of those the months reviewed), summed over the
    utförare: one month of one utförare is one. Two queries, on the log's date index."""
    lasta = set(
        Atkomstlogg.objects.filter(utforare_id__in=utforare_ids, tidpunkt__year=ar)
        .annotate(manad=ExtractMonth("tidpunkt"))
        .values_list("utforare_id", "manad")
        .distinct()
    )
    granskade = {
        (u, m.month)
        for u, m in Logggranskning.objects.filter(
            utforare_id__in=utforare_ids, manad__year=ar, kommun__isnull=True
        ).values_list("utforare_id", "manad")
    }
    return len(lasta), len(lasta & granskade)


def granskningar_sql() -> str:
    """A scalar SQL subquery for a cache key (uppfoljning.rapportcache): the number and the
    latest id of the reviews of a year's months at the utförare of a catalogue's insatser,
    which change when, and only when, a review that `loggkontroll` counts is saved or
    deleted (a year's months with reads are fixed once the year is over: a row of the log is
    dated when written). Parameters: the catalogue's id, the year's first day, the next
    year's first day."""
    tabell = Logggranskning._meta.db_table
    return f"""
        (SELECT count(*) || ':' || coalesce(max(g.id), 0) FROM {tabell} g
         WHERE g.utforare_id IN (SELECT utforare_id FROM insatser_insats WHERE katalog_id = %s)
           AND g.manad >= %s AND g.manad < %s AND g.kommun_id IS NULL)
    """  # noqa: S608 - the table name from the model, values as parameters
