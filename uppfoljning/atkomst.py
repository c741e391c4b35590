"""Who may see which follow-up: the enhetschef for their utförare's insatser, the
verksamhetschef for every insats of their municipality; the nämnd's report also for the
nämndsekreterare of the municipality. Others, and another municipality, get 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from insatser.models import Insats, Katalog
from organisation.behorighet import kommun_ids, utforare_ids
from organisation.models import Anvandare, Roll


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
