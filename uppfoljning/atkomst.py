"""Who may see which follow-up: the enhetschef for their utförare's insatser, the
verksamhetschef for every insats of their municipality; the nämnd's report also for the
nämndsekreterare of the municipality. Others, and another municipality, get 404."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from insatser.models import Insats, Katalog
from organisation.behorighet import kommun_ids, utforare_ids
from organisation.models import Anvandare, Roll
from uppfoljning.models import Publicering
from uppfoljning.perioder import Period


def insatser_att_folja_upp(anvandare: Anvandare) -> QuerySet[Insats]:
    """Insatser that are or have been decided, within the user's reach."""
    insatser = Insats.objects.exclude(status=Insats.Status.UTKAST).select_related(
        "utforare", "katalog"
    )
    return insatser.filter(
        Q(katalog__kommunen_id__in=kommun_ids(anvandare, Roll.VERKSAMHETSCHEF))
        | Q(utforare_id__in=utforare_ids(anvandare, Roll.ENHETSCHEF))
    )


def kataloger(anvandare: Anvandare, *roller: Roll) -> QuerySet[Katalog]:
    """The catalogues of the municipalities where the user holds one of the roles."""
    return Katalog.objects.filter(kommunen_id__in=kommun_ids(anvandare, *roller))


def hamta_insats(anvandare: Anvandare, pk: int) -> Insats:
    try:
        return insatser_att_folja_upp(anvandare).get(pk=pk)
    except Insats.DoesNotExist as e:
        raise Http404 from e


def far_skriva(anvandare: Anvandare, insats: Insats) -> bool:
    """Only the enhetschef of the utförare writes and signs."""
    if insats.utforare_id is None:
        return False
    return insats.utforare_id in utforare_ids(anvandare, Roll.ENHETSCHEF)


def publicerade_perioder(anvandare: Anvandare) -> list[tuple[Katalog, Period, datetime.datetime]]:
    """Every published period of the catalogues whose report the user may read (the
    nämndsekreterare's and verksamhetschef's), newest first: a year is a report to the nämnd,
    a half-year or tertial its part so far. One query."""
    ut = []
    for p in (
        Publicering.objects.filter(
            katalog__in=kataloger(anvandare, Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE)
        )
        .select_related("katalog")
        .order_by("-slut", "katalog__kommun")
    ):
        for kod in p.perioder:
            if (period := Period.tolka(kod)) is not None:
                ut.append((p.katalog, period, p.skapad))
    # A year is published with its last sub-period: the year first, as it is what is asked for.
    ut.sort(key=lambda r: (r[1].slut, r[1].typ == "ar"), reverse=True)
    return ut
