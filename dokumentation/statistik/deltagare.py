"""Who took part: unique participants, the waiting list and waiting time, and new deltagarkoder."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from dokumentation.deltagande.models import Deltagande
from dokumentation.statistik.urval import Period, Urval, antal_per_insats, fragans_rader, per_datum


def _aktiv(start: datetime.date, slut: datetime.date) -> Q:
    """A participation that was ongoing at some point of the period (not waiting)."""
    return (
        ~Q(status=Deltagande.Status.VANTAR)
        & Q(startdatum__lte=slut)
        & (Q(slutdatum__isnull=True) | Q(slutdatum__gte=start))
    )


def _vantar(slut: datetime.date) -> Q:
    """A participation on the waiting list at the period's end."""
    return Q(status=Deltagande.Status.VANTAR, startdatum__lte=slut)


def _deltagare_per_period(
    perioder: Sequence[Period], u: Urval
) -> Iterable[tuple[Period, dict[str, Any]]]:
    # A participation counts in every period it was ongoing in, so the periods are columns
    # of one row per insats, not groups: each table read once, as the floor does.
    kolumner: dict[str, Count] = {}
    for nr, (start, slut) in enumerate(perioder):
        kolumner |= {
            f"personer_{nr}": Count("personnyckel", distinct=True, filter=_aktiv(start, slut)),
            f"koder_{nr}": Count("id", filter=_aktiv(start, slut) & Q(personnyckel__isnull=True)),
            f"unga_{nr}": Count(
                "id", filter=_aktiv(start, slut) & Q(utan_vardnadshavare_21_2=True)
            ),
            f"vantar_{nr}": Count("id", filter=_vantar(slut)),
        }
    # Ongoing in or waiting at the end of any of the periods (the columns pick out which).
    nagon = Q(startdatum__lte=u.slut) & (
        Q(status=Deltagande.Status.VANTAR) | Q(slutdatum__isnull=True) | Q(slutdatum__gte=u.start)
    )
    for r in u.filtrera(Deltagande.objects.filter(nagon)).values("insats_id").annotate(**kolumner):
        for nr, period in enumerate(perioder):
            varden = {k: r[f"{k}_{nr}"] for k in ("personer", "koder", "unga", "vantar")}
            if any(varden.values()):
                yield period, {"insats_id": r["insats_id"], **varden}


def deltagare(urval: Urval) -> dict[int, dict[str, int]]:
    """Unique participants per insats: identified persons counted once however many
    participations they have, each deltagarkod once; the young people from 15 taking part
    without guardian consent (21 kap. 2 §); and the waiting list at the period's end."""
    ut: dict[int, dict[str, int]] = {}
    for r in fragans_rader("deltagare_och_vantelista", urval, _deltagare_per_period):
        varden = ut[int(r["insats_id"])] = {}
        if r["personer"] or r["koder"]:  # someone took part
            varden["unika"] = int(r["personer"]) + int(r["koder"])
            varden["unga_utan_samtycke"] = int(r["unga"])
        if r["vantar"]:
            varden["vantelista_nu"] = int(r["vantar"])
    return ut


def unika_personer_totalt(urval: Urval) -> int:
    """Identified persons across all the insatser, each once, plus every deltagarkod."""

    aktiva = urval.filtrera(Deltagande.objects.filter(_aktiv(urval.start, urval.slut)))
    personer = aktiva.exclude(personnyckel=None).values("personnyckel").distinct().count()
    return personer + aktiva.filter(personnyckel=None).count()


def vantetid(urval: Urval) -> dict[int, dict[str, int]]:
    """Waiting time in days for those who got a place in the period after waiting."""
    return {
        int(r["insats_id"]): {"vantat_antal": int(r["antal"]), "vantat_dagar": int(r["dagar"])}
        for r in fragans_rader(
            "vantetid",
            urval,
            per_datum(
                "startdatum",
                lambda u: (
                    u.filtrera(
                        Deltagande.objects.filter(
                            startdatum__range=(u.start, u.slut), startdatum__gt=F("kontakt__datum")
                        )
                    )
                    .values("insats_id")
                    .annotate(
                        antal=Count("id"),
                        dagar=Sum(
                            ExpressionWrapper(
                                F("startdatum") - F("kontakt__datum"),
                                output_field=DurationField(),
                            )
                        ),
                    )
                ),
                rad=lambda r: {**r, "dagar": r["dagar"].days if r["dagar"] else 0},
            ),
        )
    }


def nya_deltagarkoder(urval: Urval) -> dict[int, int]:
    """New deltagarkoder given to participants who lost their card, per insats, by the day the
    new code was given: each is a participation that continues an earlier one, not a new
    participant."""
    return antal_per_insats(
        "nya_deltagarkoder",
        urval,
        "startdatum",
        lambda u: Deltagande.objects.filter(
            startdatum__range=(u.start, u.slut), tidigare_tillfallen__gt=0
        ),
    )
