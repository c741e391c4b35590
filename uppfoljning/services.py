"""Writing and signing the yearly follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from dokumentation.regler import sol_14_kap_4_5_fritext
from insatser.regler import Overtradelse
from insatser.services import RegelBrott, SamtidigAndring
from organisation.models import Anvandare
from uppfoljning import indikatorer
from uppfoljning.models import Arsuppfoljning
from uppfoljning.perioder import Period

__all__ = ["RegelBrott", "SamtidigAndring"]

IDENTITETSGRANSKADE = ["analys", "sammanfattning", "slutsats", "forslag_text"]
KRAVS_FOR_SIGNERING = ["analys", "sammanfattning", "slutsats", "bedomning", "forslag"]


def figurer(
    insats_id: int, ar: int, underlag: Sequence[indikatorer.Underlag] | None = None
) -> dict[str, Any]:
    """The year beside the two before it, protected, as stored when signed. The statistics of
    the three years may be given, when the caller has them already."""
    if underlag is None:
        underlag = indikatorer.Underlag.flera(Period(ar).foregaende_ar(3), [insats_id])
    return indikatorer.som_json(indikatorer.indikatortabell_ur(underlag, [insats_id]))


@transaction.atomic
def spara_arsuppfoljning(
    *, uppfoljning: Arsuppfoljning, version: int, signera: bool, anvandare: Anvandare
) -> Arsuppfoljning:
    """Save the text; when signing, freeze the figures as they are shown now. The texts go
    to the nämnd and are published: the identity guard reads them first (14 kap. 4–5 §§)."""
    brott = [
        o
        for falt in IDENTITETSGRANSKADE
        for o in sol_14_kap_4_5_fritext(getattr(uppfoljning, falt) or "", falt=falt)
    ]
    if brott:
        raise RegelBrott(brott)
    if uppfoljning.pk:
        aktuell = Arsuppfoljning.objects.select_for_update().get(pk=uppfoljning.pk)
        if aktuell.status == Arsuppfoljning.Status.SIGNERAD or aktuell.version != version:
            raise SamtidigAndring
        uppfoljning.version = aktuell.version + 1
    if signera:
        saknas = [f for f in KRAVS_FOR_SIGNERING if not getattr(uppfoljning, f)]
        if saknas:
            raise RegelBrott(
                [
                    Overtradelse(
                        kod="kravs_for_signering",
                        falt=f,
                        regel="",
                        meddelande="Fyll i innan du signerar.",
                    )
                    for f in saknas
                ]
            )
        uppfoljning.siffror = figurer(uppfoljning.insats_id, uppfoljning.ar)
        uppfoljning.status = Arsuppfoljning.Status.SIGNERAD
        uppfoljning.signerad_av = anvandare
        uppfoljning.signerad = timezone.now()
    uppfoljning.save()
    return uppfoljning
