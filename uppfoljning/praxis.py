"""Relations that hold where an utförare's practice is known, not by how the counts are made:
an attacker who knows the practice (its staff, anyone who asks) reasons with them, so the
disclosure audit does too – where they hold in truth, as no relation that does not hold is
one anyone can rely on (test_tionde_angrepp)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from uppfoljning.matt import ar_kolumn
from uppfoljning.skyddsposter import Nyckel, Post, Samband


def vantelistans_samband(
    poster: dict[Nyckel, Post], enheter: Iterable[str], kolumner: Iterable[str]
) -> list[Samband]:
    """Under "one participation per person, everyone on the waiting list gets a place", the year's
    participants and those waiting at its end are those taking part or waiting at its start
    (last year's participants less those who ended, last year's waiting list) and the year's
    contacts who took part or were put on the waiting list. A count not in the audit (a year
    before the first publication, an insats not yet in the catalogue) is none. The five
    participants of three who took part and two who waited for a place, shown beside seven
    contacts, pin a hidden two who declined. Only where PUBLICERING_PRAXIS_VANTELISTA is on;
    and never among frozen counts alone: what they give away was given when they were
    published, and nothing new can take it back (the audit would stop)."""
    if not settings.PUBLICERING_PRAXIS_VANTELISTA:
        return []
    ut = []
    for kolumn in (k for k in kolumner if ar_kolumn(k)):
        fore = str(int(kolumn) - 1)
        for enhet in enheter:
            if ("unika", enhet, kolumn) not in poster:
                continue
            plus = [
                (m, enhet, k)
                for m, k in (
                    ("unika", kolumn),
                    ("vantelista_nu", kolumn),
                    ("avslutade", fore),
                    ("avbrutna", fore),
                )
                if (m, enhet, k) in poster
            ]
            minus = [
                (m, enhet, k)
                for m, k in (
                    ("deltar", kolumn),
                    ("vantelista", kolumn),
                    ("vantelista_nu", fore),
                    ("unika", fore),
                )
                if (m, enhet, k) in poster
            ]
            if all(poster[n].fryst for n in plus + minus):
                continue
            if sum(poster[n].sant for n in plus) == sum(poster[n].sant for n in minus):
                ut.append(Samband(tuple(plus), tuple(minus)))
    return ut
