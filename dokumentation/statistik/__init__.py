"""The de-identified interface that follow-up reads (DESIGN.md §5). Every function returns
counts computed in the database by aggregate queries, keyed by insats id, for one fixed
period. No function returns a model instance, a name, a personnummer, a deltagarkod or free
text; uppfoljning may import this module and nothing else of dokumentation (import-linter).

One module per kind of record (`kontakter`, `deltagare`, `tillfallen`, `avslut`), built on
`urval`; this package names every function the follow-up reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Min

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Kontakt
from dokumentation.statistik.avslut import AVBROTTSORSAKER, PROBLEM, SOCIALA_FALT, Avslut, avslut
from dokumentation.statistik.deltagare import (
    deltagare,
    nya_deltagarkoder,
    unika_personer_totalt,
    vantetid,
)
from dokumentation.statistik.kontakter import (
    UTFALL,
    avvisade_fritexter,
    ej_uppfyllda_villkor,
    kontakter,
    orosanmalningar,
)
from dokumentation.statistik.kontroll import (
    granskningar_sql,
    loggkontroll,
    loggkontroll_per_manad,
)
from dokumentation.statistik.tillfallen import SKAL_OVER_TAK, over_taket, tillfallen
from dokumentation.statistik.urval import Period, Urval
from dokumentation.tillfallen.models import Tillfalle

__all__ = [
    "AVBROTTSORSAKER",
    "PROBLEM",
    "SKAL_OVER_TAK",
    "SOCIALA_FALT",
    "UTFALL",
    "Avslut",
    "Period",
    "Urval",
    "avslut",
    "avvisade_fritexter",
    "deltagare",
    "ej_uppfyllda_villkor",
    "forsta_datum",
    "granskningar_sql",
    "kontakter",
    "loggkontroll",
    "loggkontroll_per_manad",
    "nya_deltagarkoder",
    "orosanmalningar",
    "over_taket",
    "tillfallen",
    "unika_personer_totalt",
    "vantetid",
]


def forsta_datum(insatser: Sequence[int]) -> datetime.date | None:
    """The first day anything was registered for these insatser (where publication starts)."""
    datum = [
        Kontakt.objects.filter(insats_id__in=insatser).aggregate(d=Min("datum"))["d"],
        Tillfalle.objects.filter(insats_id__in=insatser).aggregate(d=Min("datum"))["d"],
        Deltagande.objects.filter(insats_id__in=insatser).aggregate(d=Min("startdatum"))["d"],
    ]
    return min((d for d in datum if d is not None), default=None)
