"""What the staff pages share: who may open them, and reading a POST."""

from __future__ import annotations

from django.http import QueryDict

from organisation.behorighet import InloggadRequest, kraver_roll
from organisation.models import Roll

personal = kraver_roll(Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)


def heltal(varde: str) -> bool:
    """A tampered id ("²", "1e9", "") is simply not one."""
    return varde.isascii() and varde.isdigit() and len(varde) < 19


def post(request: InloggadRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None
