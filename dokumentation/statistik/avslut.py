"""Participations that ended in the period: planned or stopped early, why, problems, wellbeing
and situation at the start and the end."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from dokumentation.deltagande.models import Deltagande
from dokumentation.statistik.urval import Urval, antal_per_insats, fragans_rader, per_datum
from dokumentation.val import Avbrottsorsak, Boende, Problem, Sysselsattning

#: The codes (and their names) that the counts of `avslut` are broken down by: reasons for
#: stopping early and problems that arose.
AVBROTTSORSAKER: list[tuple[str, str]] = [(str(v), str(n)) for v, n in Avbrottsorsak.choices]
PROBLEM: list[tuple[str, str]] = [(str(v), str(n)) for v, n in Problem.choices]

SOCIALA_FALT = {
    "boende_start": Boende,
    "boende_slut": Boende,
    "sysselsattning_start": Sysselsattning,
    "sysselsattning_slut": Sysselsattning,
}


@dataclass(frozen=True)
class Avslut:
    """What is known of the participations that ended in the period, per insats."""

    antal: dict[int, dict[str, int]]
    social: dict[int, dict[str, dict[str, int]]]
    maende: dict[int, dict[str, float]]


_AVSLUTADE = [Deltagande.Status.AVSLUTAD, Deltagande.Status.AVBRUTEN]


@functools.cache
def _avslutens_aggregat() -> QuerySet[Deltagande, dict[str, Any]]:
    """The aggregates of `avslut`, some fifty, built once per process: each period only adds
    its filters. (Building them took as long as running the query for one insats.)"""
    bada = Q(maende_start__isnull=False, maende_slut__isnull=False)
    return Deltagande.objects.values("insats_id").annotate(
        avslutade=Count("id", filter=Q(status=Deltagande.Status.AVSLUTAD)),
        avbrutna=Count("id", filter=Q(status=Deltagande.Status.AVBRUTEN)),
        **{
            f"orsak_{orsak}": Count(
                "id", filter=Q(status=Deltagande.Status.AVBRUTEN, avbrottsorsak=orsak)
            )
            for orsak in ["", *Avbrottsorsak.values]
        },
        # Problems that arose (14 kap. 5 §), among the participations that ended.
        **{
            f"problem_{kod}": Count("id", filter=Q(status__in=_AVSLUTADE, problem=kod))
            for kod in Problem.values
        },
        **{
            f"{falt}:{kod}": Count("id", filter=Q(**{falt: kod}))
            for falt, koder in SOCIALA_FALT.items()
            for kod in koder.values
        },
        # Named apart from the fields, which the filter refers to.
        m_antal=Count("id", filter=bada),
        m_start=Sum("maende_start", filter=bada),
        m_slut=Sum("maende_slut", filter=bada),
    )


def avslut(urval: Urval) -> Avslut:
    """Participations ended in the period, in one pass: as planned or early (with reasons,
    `orsak_<code>`, `orsak_` for none given), the problems that arose (`problem_<code>`),
    housing and occupation at start and at end, and self-rated wellbeing at start and at end
    for those with both. Then referrals at the cap."""
    sociala = [f"{falt}:{kod}" for falt, koder in SOCIALA_FALT.items() for kod in koder.values]
    rader = fragans_rader(
        "avslut",
        urval,
        per_datum(
            "slutdatum",
            # Filtering after the aggregates is still WHERE: the fields are not aggregates.
            # A code replaced by a new one (status "ersatt") did not end: it is in no count
            # of ended participations, their reasons or their situation at the end.
            lambda u: u.filtrera(
                _avslutens_aggregat().filter(
                    slutdatum__range=(u.start, u.slut), status__in=_AVSLUTADE
                )
            ),
        ),
    )
    ut: dict[int, dict[str, int]] = {}
    social: dict[int, dict[str, dict[str, int]]] = {}
    maende: dict[int, dict[str, float]] = {}
    for r in rader:
        insats_id = int(r["insats_id"])
        ut[insats_id] = {"avslutade": int(r["avslutade"]), "avbrutna": int(r["avbrutna"])}
        ut[insats_id] |= {
            k: int(v) for k, v in r.items() if k.startswith(("orsak_", "problem_")) and v
        }
        per_falt: dict[str, dict[str, int]] = defaultdict(dict)
        for nyckel in sociala:
            if r[nyckel]:
                falt, kod = nyckel.split(":")
                per_falt[falt][kod] = int(r[nyckel])
        if per_falt:
            social[insats_id] = dict(per_falt)
        if r["m_antal"]:
            antal = int(r["m_antal"])
            maende[insats_id] = {
                "antal": antal,
                "start": int(r["m_start"]) / antal,
                "slut": int(r["m_slut"]) / antal,
            }
    tak = antal_per_insats(
        "hanvisade_vid_tak",
        urval,
        "hanvisad_ansoka",
        lambda u: Deltagande.objects.filter(hanvisad_ansoka__range=(u.start, u.slut)),
    )
    for insats_id, n in tak.items():
        ut.setdefault(insats_id, {})["hanvisade_vid_tak"] = n
    return Avslut(ut, social, maende)
