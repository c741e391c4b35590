"""Sessions: talks, group meetings with attendance, openings with visits, and sessions beyond a
cap of 11 kap. 5 §."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import Aggregate, Count, F, Q, Sum

from dokumentation.statistik.urval import Fraga, Urval, fragans_rader, per_datum
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Tillfalle
from dokumentation.val import SkalOverTak

#: The reasons (codes and names) the counts of `over_taket` are broken down by.
SKAL_OVER_TAK: list[tuple[str, str]] = [(str(v), str(n)) for v, n in SkalOverTak.choices]


def _vid_tillfallen(
    modell: type[Narvaro] | type[Besoksantal], typ: str, *falt: str, **aggregat: Aggregate
) -> Fraga:
    """Rows of `modell` at the period's sessions of one kind (attendance at group meetings,
    visits at openings), per insats and `falt`. Naming the kind lets the planner leave the
    other sessions out before the join."""
    return per_datum(
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
        return fragans_rader(
            "tillfallen",
            u,
            per_datum(
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
    narvaro = fragans_rader(
        "narvaro",
        urval,
        _vid_tillfallen(Narvaro, Tillfalle.Typ.GRUPPTRAFF, antal=Count("id")),
        bara=med("grupptraffar"),
    )
    for r in narvaro:
        ut.setdefault(int(r["tillfalle__insats_id"]), {})["narvaro"] = int(r["antal"])
    besok = fragans_rader(
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


def over_taket(urval: Urval) -> dict[int, dict[str, int]]:
    """Sessions given beyond a cap of 11 kap. 5 § by an explicit choice – talks, and presence
    at group meetings – per insats: `over_taket` in all, and how many for each reason (the
    codes of SkalOverTak). Counted by the session's date."""

    def per_skal(modell: type[Tillfalle] | type[Narvaro], prefix: str) -> Fraga:
        return per_datum(
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
        for rad in fragans_rader(namn, urval, per_skal(modell, prefix)):
            varden = ut[int(rad["insats_nr"])]
            varden["over_taket"] += int(rad["antal"])
            varden[str(rad["over_taket"])] += int(rad["antal"])
    return {i: dict(v) for i, v in ut.items()}
