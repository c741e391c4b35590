"""The internal control's view of the access log: in how many months of a year each
utförare's log had reads, and in how many of those the enhetschef reviewed it. Counts of
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
            utforare_id__in=utforare_ids, manad__year=ar
        ).values_list("utforare_id", "manad")
    }
    return len(lasta), len(lasta & granskade)
