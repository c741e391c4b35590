"""Which insats or utförare of the register an entry of a catalogue file is: by its name as
the import reads it, so that a name saved with other spaces, case or dashes is the same."""

from __future__ import annotations

import re

from insatser.models import Insats
from organisation.models import Utforare

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash and minus: one dash to a reader.
_STRECK = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212-]")


def med_mellanslag(namn: str) -> str:
    """The name as the import reads it (kalkylark.stadad): one space between words."""
    return " ".join(namn.split())


def likadant_namn(namn: str) -> str:
    """Names that differ only in case, spaces or the kind of dash (a spreadsheet's "0-17"
    beside a typed "0–17") look the same to a resident."""
    return _STRECK.sub("-", med_mellanslag(namn.casefold()))


def samma_insats(namn: str, insatser: list[Insats]) -> Insats | None:
    """The insats of the catalogue a file's (normalised) name is: the one of exactly that
    name, else of that name but for spaces (a name saved before the import normalised
    them, with a non-breaking space or two spaces), else of that name but for case and the
    kind of dash. None when no insats is it, or two are equally (a new insats then)."""
    for nyckel in (str, med_mellanslag, likadant_namn):
        traffar = [i for i in insatser if nyckel(i.namn) == nyckel(namn)]
        if len(traffar) == 1:
            return traffar[0]
        if traffar:
            return None
    return None


def utforare_med_namn(namn: str) -> Utforare | None:
    """The utförare of exactly this name, else of this name but for spaces (one saved with a
    non-breaking space before the import normalised names), as samma_insats for an insats."""
    if utforare := Utforare.objects.filter(namn=namn).first():
        return utforare
    ord_ = max(namn.split(), key=len, default="")
    if not ord_:
        return None
    return next(
        (
            u
            for u in Utforare.objects.filter(namn__contains=ord_).order_by("pk")
            if med_mellanslag(u.namn) == namn
        ),
        None,
    )


class Utforarna:
    """The utförare one import names, each name looked up once: a catalogue names the same few
    utförare for many insatser (a file of 1 000 insatser made a query or two per insats). An
    import never renames an utförare, and the ones it creates are added as they are made."""

    def __init__(self) -> None:
        self._efter_namn: dict[str, Utforare | None] = {}

    def med_namn(self, namn: str) -> Utforare | None:
        if namn not in self._efter_namn:
            self._efter_namn[namn] = utforare_med_namn(namn)
        return self._efter_namn[namn]

    def ny(self, utforare: Utforare) -> None:
        self._efter_namn[utforare.namn] = utforare
