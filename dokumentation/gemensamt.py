"""What every registration shares: one atomic use case that runs the rules itself
(dokumentation.regler), so that forms, commands and later integrations cannot skip them, a
failed save leaves nothing half written, and a form sent twice saves once."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError

from dokumentation import regler
from dokumentation.tillfallen.models import Tillfalle
from grund.formular import NYCKEL_ANVAND
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Utforare

T = TypeVar("T")


ANVAND_NYCKEL = Overtradelse(
    kod=NYCKEL_ANVAND,
    regel="",
    falt=None,
    meddelande="Formuläret har redan använts, så inget sparades. Kontrollera uppgifterna och "
    "spara igen.",
)


def tillfalle_med_nyckel(nyckel: uuid.UUID, **agare: object) -> Tillfalle | None:
    """The session this very form already created, if it was posted twice: the same owners
    (`agare`: the insats, round or participation, and the staff member who sends it). A key
    used by anything or anyone else is refused rather than shown."""
    befintligt = Tillfalle.objects.filter(inlamningsnyckel=nyckel).first()
    if befintligt is None:
        return None
    if any(
        getattr(befintligt, f"{falt}_id") != getattr(varde, "pk", None)
        for falt, varde in agare.items()
    ):
        raise RegelBrott([ANVAND_NYCKEL])
    return befintligt


def en_gang(skapa: Callable[[], T], befintlig: Callable[[], T | None]) -> T:
    """A form posted twice (the same key) creates one record. The write is tried first, so a
    registration costs no lookup; only when it fails, on the unique key or on a rule, is the
    record this very form created looked up. A rule can fail on the second post because of the
    first one: it took the round's last place, or the last session under the cap."""
    try:
        return skapa()
    except (IntegrityError, RegelBrott):
        tidigare = befintlig()  # refuses a key used by anything else
        if tidigare is not None:
            # The page says "Redan sparad" rather than pretending to save again.
            tidigare.redan_sparad = True  # type: ignore[attr-defined]
            return tidigare
        raise


def redan_sparad(post: object) -> bool:
    """Whether `en_gang` answered with what the same form saved before."""
    return bool(getattr(post, "redan_sparad", False))


def kontrollera(brott: list[Overtradelse]) -> None:
    if brott:
        raise RegelBrott(brott)


def utforare_for_insats(insats: Insats) -> Utforare:
    """Records belong to the utförare the catalogue names for the insats."""
    if insats.utforare is None or insats.status != Insats.Status.BESLUTAD:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="insats_ej_registrerbar",
                    regel=regler.SOL_11_5,
                    falt=None,
                    meddelande="Insatsen är inte beslutad med en registrerad utförare.",
                )
            ]
        )
    return insats.utforare
