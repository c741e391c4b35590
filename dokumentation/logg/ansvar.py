"""Who reviews which read of the access log.

- A read by someone who is enhetschef at the row's utförare: the verksamhetschef of the
  municipality whose insats was read (dokumentation/logg/chefer.py). Nobody reviews their own
  reads, and two enhetschefer are not each other's only check.
- Any other read: the enhetschef of the utförare in the monthly review
  (dokumentation/logg/granskning.py); at an utförare with no active enhetschef at all, the
  verksamhetschef on the same page as the managers' reads, and that review says so
  (`Logggranskning.personalens`).

Roles are read as they are now, as the review pages read them."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Exists, OuterRef

from organisation.models import Behorighet, Roll


def av_enhetschef() -> Exists:
    """For a row of the log: its reader is enhetschef at the row's utförare."""
    return Exists(
        Behorighet.objects.filter(
            anvandare=OuterRef("anvandare"), roll=Roll.ENHETSCHEF, utforare=OuterRef("utforare")
        )
    )


def har_enhetschef(falt: str = "utforare") -> Exists:
    """For a row with an utförare in `falt`: it has an active enhetschef to review it."""
    return Exists(Behorighet.objects.aktiva().filter(roll=Roll.ENHETSCHEF, utforare=OuterRef(falt)))


def utan_enhetschef(utforare_ids: Collection[int]) -> set[int]:
    """Those of the utförare with no active enhetschef."""
    med = set(
        Behorighet.objects.aktiva()
        .filter(roll=Roll.ENHETSCHEF, utforare_id__in=utforare_ids)
        .values_list("utforare_id", flat=True)
    )
    return set(utforare_ids) - med
