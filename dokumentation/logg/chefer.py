"""The enhetschefer's own reads, reviewed by the verksamhetschef.

Nobody reviews their own reads (dokumentation/logg/granskning.py): an enhetschef's are left to
another enhetschef of the utförare, and at an utförare with one there is none. So the
verksamhetschef of the municipality whose insatser were read reviews, month by month, every
read by someone who is enhetschef at the utförare the row belongs to – a lone one or not, so
that no change of staff leaves a gap and two enhetschefer are not each other's only check.
At an utförare with no active enhetschef nobody else would review the staff's reads either,
so the verksamhetschef reviews every read there, on the same page (dokumentation/logg/ansvar.py).

The verksamhetschef reads no identified data (DESIGN.md §4), and this page shows none: who
read, when, what was done and which record in words (`Atkomstlogg.posten`: the insats, when
the participation began and its number), with no way into the record. The review is a
`Logggranskning` with its `kommun` set, one per utförare; for an utförare without an
enhetschef it is marked `personalens` and the internal control counts it in place of the
enhetschef's monthly review (dokumentation/statistik/kontroll.py)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dokumentation.logg.ansvar import av_enhetschef, har_enhetschef, utan_enhetschef
from dokumentation.logg.granskning import (
    VISA_HOGST,
    Flagga,
    granska,
    manaden,
    senaste_manader,
    spara_en_gang,
)
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from insatser.models import Insats
from organisation.behorighet import InloggadRequest, kommun_ids, kraver_roll
from organisation.models import Anvandare, Kommun, Roll, Utforare

verksamhetschef = kraver_roll(Roll.VERKSAMHETSCHEF)


def chefernas_loggar(kommun_id: int) -> QuerySet[Atkomstlogg]:
    """The reads of the municipality's insatser by an enhetschef of the row's utförare, and
    every read at an utförare with no active enhetschef (dokumentation/logg/ansvar.py)."""
    return Atkomstlogg.objects.filter(deltagande__insats__katalog__kommunen_id=kommun_id).filter(
        Q(av_enhetschef()) | ~Q(har_enhetschef())
    )


def kommunens_utforare(kommun_id: int) -> set[int]:
    return set(
        Insats.objects.filter(katalog__kommunen_id=kommun_id, utforare__isnull=False).values_list(
            "utforare_id", flat=True
        )
    )


@verksamhetschef
def chefernas_logg(request: InloggadRequest) -> HttpResponse:
    kommuner = kommun_ids(request.user, Roll.VERKSAMHETSCHEF)
    utforare = set().union(*(kommunens_utforare(k) for k in kommuner))
    return render(
        request,
        "dokumentation/chefernas_logg.html",
        {
            "manader": senaste_manader(timezone.localdate(), 6),
            "utan_enhetschef": Utforare.objects.filter(pk__in=utan_enhetschef(utforare)),
            "granskningar": Logggranskning.objects.filter(kommun_id__in=kommuner)
            .select_related("granskare", "utforare", "kommun")
            .order_by("-tidpunkt")[:24],
        },
    )


@verksamhetschef
def chefernas_granskning(request: InloggadRequest, ar: int, manad: int) -> HttpResponse:
    forsta = manaden(ar, manad)
    kommuner = list(Kommun.objects.filter(pk__in=kommun_ids(request.user, Roll.VERKSAMHETSCHEF)))
    per_kommun = {k.pk: granska(chefernas_loggar(k.pk), forsta) for k in kommuner}
    # Nobody reviews their own reads, here either (a verksamhetschef who is also enhetschef).
    egna = {
        k: [f for f in v if f.post.anvandare_id == request.user.pk] for k, v in per_kommun.items()
    }
    flaggor = {
        k: [f for f in v if f.post.anvandare_id != request.user.pk] for k, v in per_kommun.items()
    }
    alla = [f for v in flaggor.values() for f in v]
    visade = {f.post.pk for f in alla[:VISA_HOGST]}
    if request.method == "POST":
        nya = _registrera(request.user, kommuner, forsta, per_kommun, flaggor, egna, visade)
        messages.success(
            request,
            f"Granskningen av enhetschefernas läsningar {forsta:%Y-%m} är registrerad."
            if nya
            else f"Granskningen av enhetschefernas läsningar {forsta:%Y-%m} var redan registrerad.",
        )
        return redirect("dokumentation:chefernas_granskning", ar, manad)
    return render(
        request,
        "dokumentation/chefernas_granskning.html",
        {
            "manad": forsta,
            "flaggor": alla,
            "visade": alla[:VISA_HOGST],
            "egna": [f for v in egna.values() for f in v],
        },
    )


@transaction.atomic
def _registrera(
    granskare: Anvandare,
    kommuner: list[Kommun],
    forsta: datetime.date,
    per_kommun: dict[int, list[Flagga]],
    flaggor: dict[int, list[Flagga]],
    egna: dict[int, list[Flagga]],
    visade: set[int],
) -> int:
    """One record per municipality and utförare: each utförare of its insatser, and any other
    whose enhetschef read them this month. The same review sent twice (a double click, a
    second tab) is recorded once: the municipality's row is locked while it is looked for."""
    nya = 0
    for k in Kommun.objects.select_for_update().filter(pk__in=[k.pk for k in kommuner]):
        utforare = kommunens_utforare(k.pk) | {f.post.utforare_id for f in per_kommun[k.pk]}
        utan = utan_enhetschef(utforare)
        for u in sorted(utforare):
            nya += spara_en_gang(
                Logggranskning(
                    granskare=granskare,
                    kommun=k,
                    utforare_id=u,
                    manad=forsta,
                    flaggade=sum(1 for f in flaggor[k.pk] if f.post.utforare_id == u),
                    visade=[
                        f.post.pk
                        for f in flaggor[k.pk]
                        if f.post.utforare_id == u and f.post.pk in visade
                    ],
                    egna_undantagna=sum(1 for f in egna[k.pk] if f.post.utforare_id == u),
                    personalens=u in utan,
                )
            )
    return nya
