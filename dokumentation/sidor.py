"""What the staff pages share: who may open them, reading a POST, saying what was saved."""

from __future__ import annotations

from django.contrib import messages
from django.http import QueryDict

from dokumentation.gemensamt import redan_sparad
from organisation.behorighet import InloggadRequest, kraver_roll
from organisation.models import Roll

personal = kraver_roll(Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)


def heltal(varde: str) -> bool:
    """A tampered id ("²", "1e9", "") is simply not one."""
    return varde.isascii() and varde.isdigit() and len(varde) < 19


def post(request: InloggadRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def sparat(request: InloggadRequest, post: object, vad: str, klart: str) -> None:
    """Tell what was saved, or – when the same form came again – that it already was: `vad`
    names it ("samtalet"), `klart` says it was saved ("Samtalet är registrerat.")."""
    if redan_sparad(post):
        messages.info(request, f"Redan sparad: {vad} sparades när du skickade första gången.")
    else:
        messages.success(request, klart)
