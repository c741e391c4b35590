"""The catalogue's history, read from django-simple-history's records: versions of an insats,
the difference between two of them, and the whole catalogue as it stood on a date."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from insatser.models import SAKUPPGIFTER, Insats, Katalog, Villkor

# The fields a reader of a guideline revision cares about, in the order of the guideline.
JAMFORDA_FALT = [*SAKUPPGIFTER, "status", "beslut", "giltig_fran", "giltig_till", "anmarkning"]


@dataclass(frozen=True)
class Skillnad:
    falt: str
    rubrik: str
    markerad: SafeString


def dagens_slut(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.max))


def villkor_vid(insats_id: int, tidpunkt: datetime.datetime) -> list[Villkor]:
    return sorted(
        Villkor.history.as_of(tidpunkt).filter(insats_id=insats_id),
        key=lambda v: (v.ordning, v.pk),
    )


def _visat_varde(version: Any, falt: str) -> str:
    varde = getattr(version, falt)
    if falt == "villkor_text":
        return "\n".join(varde or [])
    if falt in ("utforare", "beslut"):
        relaterad = getattr(version, f"{falt}_id")
        return str(getattr(version.instance, falt)) if relaterad else ""
    if isinstance(varde, bool):
        return "ja" if varde else "nej"
    display = getattr(version, f"get_{falt}_display", None)
    if display and varde:
        return str(display())
    return "" if varde is None else str(varde)


def markera_skillnad(fore: str, efter: str) -> SafeString:
    """Word-level difference: removed text struck through, added text underlined, as the
    municipalities mark their guideline revisions."""
    a, b = fore.split(" "), efter.split(" ")
    delar: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            delar.append(escape(" ".join(a[a1:a2])))
            continue
        if a2 > a1:
            delar.append(f"<del>{escape(' '.join(a[a1:a2]))}</del>")
        if b2 > b1:
            delar.append(f"<ins>{escape(' '.join(b[b1:b2]))}</ins>")
    return mark_safe(" ".join(d for d in delar if d))  # noqa: S308 - every part is escaped


def jamfor(fore: Any, efter: Any) -> list[Skillnad]:
    """What differs between two historical versions of an insats, villkor included."""
    skillnader = []
    for falt in JAMFORDA_FALT:
        a, b = _visat_varde(fore, falt), _visat_varde(efter, falt)
        if a != b:
            rubrik = str(getattr(Insats._meta.get_field(falt), "verbose_name", falt)).capitalize()
            skillnader.append(Skillnad(falt, rubrik, markera_skillnad(a, b)))
    villkor_a = [v.klartext() for v in villkor_vid(fore.id, fore.history_date)]
    villkor_b = [v.klartext() for v in villkor_vid(efter.id, efter.history_date)]
    if villkor_a != villkor_b:
        skillnader.append(
            Skillnad(
                "villkor", "Villkor", markera_skillnad(" ".join(villkor_a), " ".join(villkor_b))
            )
        )
    return skillnader


@dataclass(frozen=True)
class InsatsPerDatum:
    insats: Insats
    villkor: list[Villkor]


def katalog_per_datum(
    katalog: Katalog, datum: datetime.date, *, endast_beslutade: bool
) -> list[InsatsPerDatum]:
    """The catalogue as it stood at the end of the day, from the history records."""
    tidpunkt = dagens_slut(datum)
    insatser = Insats.history.as_of(tidpunkt).filter(katalog_id=katalog.pk)
    if endast_beslutade:
        insatser = insatser.filter(status=Insats.Status.BESLUTAD).exclude(giltig_fran__gt=datum)
    else:
        insatser = insatser.exclude(status=Insats.Status.UPPHORD)
    villkor = Villkor.history.as_of(tidpunkt).filter(insats_id__in=[i.pk for i in insatser])
    per_insats: dict[int, list[Villkor]] = {}
    for v in sorted(villkor, key=lambda v: (v.ordning, v.pk)):
        per_insats.setdefault(v.insats_id, []).append(v)
    return [
        InsatsPerDatum(i, per_insats.get(i.pk, []))
        for i in sorted(insatser, key=lambda i: (i.ordning, i.namn))
    ]


def versioner(insats: Insats) -> Any:
    return insats.history.select_related("history_user").order_by("-history_date", "-history_id")
