"""The board report kept in each process's memory, keyed on everything it is built from, so
that a report already built is sent again without reading and rendering it anew (bench/
RESULTS.md: building and rendering a large catalogue's report took 300 ms of its 330).

What the report reads, and so what the key holds: the catalogue's publications (frozen; a new
one has a new id), the catalogue itself (its insatser, villkor and decisions: the version token
the database replaces on every change, insatser.katalogcache), the signed yearly follow-ups
(never changed once signed; a new signature changes the count or the latest time), the cover
(its version, raised on every save), the municipality's population, the signed
guideline follow-ups (like the yearly ones) and the enhetschefers' reviews of the year's
access log (the internal control's row on the log review: stored with the report, so that the
page, the PDF, the XLSX and the CSV say the same, and a new review shows at once). A change
of anything else shows within KVAR seconds at the latest."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from dokumentation import statistik
from insatser.models import Katalog
from uppfoljning.models import (
    Arsuppfoljning,
    Folkmangd,
    Namndrapport,
    Publicering,
    Riktlinjeuppfoljning,
)

T = TypeVar("T")

#: Seconds a kept report lives at most (for what the key does not hold, such as an utförare's
#: new name).
KVAR = 15 * 60


def nyckel(katalog: Katalog, ar: int, vad: str) -> str:
    """What the report of `katalog` and `ar` is built from, in one query."""
    t = {
        m.__name__: m._meta.db_table
        for m in (Publicering, Arsuppfoljning, Namndrapport, Folkmangd, Riktlinjeuppfoljning)
    }
    with connection.cursor() as c:
        c.execute(
            f"""
            SELECT
              (SELECT max(id) FROM {t["Publicering"]} WHERE katalog_id = %s),
              (SELECT token FROM insatser_katalogversion WHERE id = 1),
              (SELECT count(*) FROM {t["Arsuppfoljning"]} a JOIN insatser_insats i
                 ON i.id = a.insats_id WHERE i.katalog_id = %s AND a.status = %s),
              (SELECT max(a.signerad) FROM {t["Arsuppfoljning"]} a JOIN insatser_insats i
                 ON i.id = a.insats_id WHERE i.katalog_id = %s AND a.status = %s),
              (SELECT version FROM {t["Namndrapport"]} WHERE katalog_id = %s AND ar = %s),
              (SELECT count(*) FROM {t["Folkmangd"]} WHERE kommun_id = %s),
              (SELECT sum(invanare * ar) FROM {t["Folkmangd"]} WHERE kommun_id = %s),
              (SELECT count(*) FROM {t["Riktlinjeuppfoljning"]}
                 WHERE katalog_id = %s AND status = %s),
              (SELECT max(signerad) FROM {t["Riktlinjeuppfoljning"]} WHERE katalog_id = %s),
              {statistik.granskningar_sql()}
            """,  # noqa: S608 - table names from the models, values as parameters
            [
                katalog.pk,
                katalog.pk,
                Arsuppfoljning.Status.SIGNERAD,
                katalog.pk,
                Arsuppfoljning.Status.SIGNERAD,
                katalog.pk,
                ar,
                katalog.kommunen_id,
                katalog.kommunen_id,
                katalog.pk,
                Riktlinjeuppfoljning.Status.SIGNERAD,
                katalog.pk,
                katalog.pk,
                datetime.date(ar, 1, 1),
                datetime.date(ar + 1, 1, 1),
                katalog.pk,
            ],
        )
        rad = c.fetchone()
    return "rapport:" + hashlib.sha256(repr([vad, katalog.pk, ar, *rad]).encode()).hexdigest()


def hamta(nyckel: str, bygg: Callable[[], T]) -> T:
    """What is kept under the key, or `bygg()`'s result, kept (None is not kept: the year is
    not published yet)."""
    lager = caches["rapporter"]
    varde: T | None = lager.get(nyckel)
    if varde is None:
        varde = bygg()
        if varde is not None:
            lager.set(nyckel, varde, KVAR)
    return varde
