"""What the contacts say: outcomes, the information of 11 kap. 6 §, sex and age, villkor not
met, free texts refused for identity, and reports of worry."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from dokumentation.kontakter.models import Avvisning, Kontakt, Villkorssvar
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.statistik.urval import (
    Urval,
    antal_per_insats,
    fragans_rader,
    nycklat_per_insats,
    per_datum,
)
from dokumentation.val import Svar, Utfall

UTFALL = [u.value for u in Utfall]


def kontakter(
    urval: Urval,
) -> tuple[dict[int, dict[str, int]], dict[int, dict[tuple[str, str], int]]]:
    """Contacts by outcome and how many were told of the right to apply (11 kap. 6 §); and
    everyone who turned to the utförare by sex and age band. One pass over the contacts."""
    rader = fragans_rader(
        "kontakter",
        urval,
        per_datum(
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
    rader = fragans_rader(
        "ej_uppfyllda_villkor",
        urval,
        per_datum(
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
    return nycklat_per_insats(
        ({"insats_id": r["kontakt__insats_id"], **r} for r in rader), "villkor_typ", "antal"
    )


def avvisade_fritexter(urval: Urval) -> dict[int, int]:
    """Free texts refused because they could reveal identity (internal control). A refusal
    records no utförare: for one utförare's records, none."""
    if urval.utforare is not None:
        return {}
    return antal_per_insats(
        "avvisade_fritexter",
        urval,
        "tidpunkt__date",
        lambda u: Avvisning.objects.filter(tidpunkt__date__range=(u.start, u.slut)),
    )


def orosanmalningar(urval: Urval) -> dict[int, int]:
    """Reports of worry about a child made by staff of insatser without identity, per insats
    (the record holds nothing else)."""
    return antal_per_insats(
        "orosanmalningar",
        urval,
        "datum",
        lambda u: Orosanmalan.objects.filter(datum__range=(u.start, u.slut)),
    )
