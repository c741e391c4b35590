"""Group intake: a whole round's participants enrolled from one page, each row the same contact
and participation that `registrera_kontakt` creates for one person, all of them or none."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import ANVAND_NYCKEL, redan_sparad
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import (
    Kontaktuppgifter,
    Personuppgifter,
    Startuppgifter,
    registrera_kontakt,
)
from dokumentation.regler import SPARAS_VID_UTFALL
from dokumentation.tillfallen.models import Omgang
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare

MED_OMGANG = SPARAS_VID_UTFALL["omgang"]


@dataclass(frozen=True)
class Deltagarrad:
    """One row of the page: its number on the page, and what was typed on it."""

    nr: int
    uppgifter: Kontaktuppgifter
    person: Personuppgifter | None = None


class RaderBrott(RegelBrott):
    """Rules broken on some rows; nothing was saved."""

    def __init__(self, per_rad: dict[int, list[Overtradelse]]) -> None:
        self.per_rad = per_rad
        super().__init__([o for brott in per_rad.values() for o in brott])


@dataclass
class Gruppintag:
    omgang: Omgang
    kontakter: list[Kontakt] = field(default_factory=list)
    redan_sparad: bool = False


def radnyckel(nyckel: uuid.UUID, nr: int) -> uuid.UUID:
    """Each row's one-time key, derived from the page's: the same page posted again finds the
    contacts it created, row by row."""
    return uuid.uuid5(nyckel, f"rad-{nr}")


@transaction.atomic
def skriv_in_grupp(
    *,
    anvandare: Anvandare,
    insats: Insats,
    omgang: Omgang,
    rader: Sequence[Deltagarrad],
    nyckel: uuid.UUID,
) -> Gruppintag:
    """Every row through `registrera_kontakt` (its villkor check, 21 kap. 2 §, 14 kap. 3–5 §§,
    the round's free places), in one transaction: a rule broken on any row raises RaderBrott
    with every row's violations, and nothing is saved. The same page posted again (the same
    key) creates nothing new and answers with what it saved the first time."""
    if omgang.insats_id != insats.pk:
        raise RegelBrott(
            [Overtradelse(kod="fel_omgang", regel="", falt=None, meddelande="Fel omgång.")]
        )
    fel: dict[int, list[Overtradelse]] = {}
    intag = Gruppintag(omgang=omgang)
    for rad in rader:
        try:
            kontakt = registrera_kontakt(
                anvandare=anvandare,
                insats=insats,
                uppgifter=rad.uppgifter,
                start=Startuppgifter(),
                person=rad.person,
                # The page's round, for the rows that join it (a referred row keeps none).
                omgang=omgang if rad.uppgifter.utfall in MED_OMGANG else None,
                forsta_samtal_minuter=None,
                nyckel=radnyckel(nyckel, rad.nr),
            )
        except RegelBrott as e:
            fel[rad.nr] = e.overtradelser
        else:
            intag.kontakter.append(kontakt)
    if fel:
        raise RaderBrott(fel)
    tidigare = [k.pk for k in intag.kontakter if redan_sparad(k)]
    if (
        tidigare
        and Deltagande.objects.filter(kontakt__in=tidigare, omgang__isnull=False)
        .exclude(omgang=omgang)
        .exists()
    ):
        # The page's key sent again on another round's page: what it enrolled is not here.
        raise RegelBrott([ANVAND_NYCKEL])
    intag.redan_sparad = bool(intag.kontakter) and all(redan_sparad(k) for k in intag.kontakter)
    return intag
