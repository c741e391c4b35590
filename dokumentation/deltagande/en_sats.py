"""A talk written in one SQL statement, with the participation's row locked in it.

Through the ORM a talk is BEGIN, the participation's row locked and read again, the INSERT and
COMMIT: four round trips. Here the rules run first on the participation as the view read it,
and one statement locks the row, checks that what the rules read (status, start, earlier
sessions) is still so, and inserts the talk (bench/RESULTS.md, fourteenth session). The
database's triggers (the caps of 11 kap. 5 §, the identity guard) run under the lock as
before. Anything else – the row changed, a rule, a trigger or a constraint refusing – is
answered by the ORM path, which locks, reads again and gives the field its message.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError

from dokumentation.deltagande.models import Deltagande
from dokumentation.en_sats import finns, forberedd, kolumner, som_en_sats, sparad, tabell
from dokumentation.tillfallen.models import Tillfalle


def skriv_samtal(tillfalle: Tillfalle, deltagande: Deltagande) -> bool:
    """Insert the talk if the participation is still as read; False (nothing written) when it
    is not, or when the database refuses the row."""
    if not finns():
        return False
    kol, platser, params = kolumner(tillfalle, typade=True)
    las = (
        f"SELECT 1 FROM {tabell(Deltagande)} WHERE id = %s AND status = %s "  # noqa: S608
        "AND startdatum = %s AND tidigare_tillfallen = %s "
        "AND tidigare_start IS NOT DISTINCT FROM %s::date FOR UPDATE"
    )
    sql = (
        f"WITH l AS ({las}) INSERT INTO {tabell(Tillfalle)} ({', '.join(kol)}) "  # noqa: S608
        f"SELECT {', '.join(platser)} FROM l RETURNING id"
    )
    las_params: list[Any] = [
        deltagande.pk,
        deltagande.status,
        deltagande.startdatum,
        deltagande.tidigare_tillfallen,
        deltagande.tidigare_start,
    ]
    try:
        with som_en_sats(), forberedd() as cursor:
            cursor.execute(sql, [*las_params, *params])
            rad = cursor.fetchone()
    except IntegrityError:
        return False
    if rad is None:
        return False
    sparad(tillfalle, rad[0])
    return True
