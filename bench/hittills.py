"""The year so far: an utförare's live counts of its own insatser against the floor.

    python bench/hittills.py [--varv 10]

Against the database in DATABASE_URL, filled by bench/generera.py. The page Hittills i år
(GET /utforare/hittills/) counts from 1 January to today straight from the records
(dokumentation.hittills.views.hittills), so it grows with the year's volume of the staff's
own utförare. It is timed for a staff member of the utförare with the most sessions this year
and of the median one, beside its floor: hand-written SQL aggregates that give the same counts
for the same insatser and dates, sent through the same database connection. The function
`hittills(insatser, idag)` alone (the queries, without the page) is timed as well. Each is the
median of --varv runs after one warm-up run, the application and the floor taking turns, and
the floor's counts are checked against the page's before anything is timed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KRAV_TVASTEGSVERIFIERING", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.utils import timezone

from dokumentation.hittills.views import hittills
from insatser.models import Insats
from organisation.models import Anvandare, Roll

# The floor: the page's counts per insats, each table read once per measure, for the insatser
# %(insatser)s from %(start)s to %(slut)s. Keys as in dokumentation.hittills.views.KOLUMNER.
GOLV: list[tuple[list[str], str]] = [
    (
        ["kontakter", "deltar", "hanvisade"],
        """SELECT insats_id, count(*), count(*) FILTER (WHERE utfall = 'deltar'),
                  count(*) FILTER (WHERE utfall IN ('hanvisad_ansoka', 'hanvisad_namnd'))
           FROM dokumentation_kontakt
           WHERE insats_id = ANY(%(insatser)s) AND datum BETWEEN %(start)s AND %(slut)s
           GROUP BY 1""",
    ),
    (
        ["samtal", "grupptraffar", "oppningar"],
        """SELECT insats_id, count(*) FILTER (WHERE typ = 'individuellt'),
                  count(*) FILTER (WHERE typ = 'grupptraff'),
                  count(*) FILTER (WHERE typ = 'oppning')
           FROM dokumentation_tillfalle
           WHERE insats_id = ANY(%(insatser)s) AND datum BETWEEN %(start)s AND %(slut)s
           GROUP BY 1""",
    ),
    (
        ["besok"],
        """SELECT t.insats_id, sum(b.antal)
           FROM dokumentation_besoksantal b JOIN dokumentation_tillfalle t ON t.id = b.tillfalle_id
           WHERE t.insats_id = ANY(%(insatser)s) AND t.datum BETWEEN %(start)s AND %(slut)s
             AND t.typ = 'oppning'
           GROUP BY 1""",
    ),
    (
        ["avslutade", "avbrutna"],
        """SELECT insats_id, count(*) FILTER (WHERE status = 'avslutad'),
                  count(*) FILTER (WHERE status = 'avbruten')
           FROM dokumentation_deltagande
           WHERE insats_id = ANY(%(insatser)s) AND slutdatum BETWEEN %(start)s AND %(slut)s
           GROUP BY 1""",
    ),
    (
        ["hanvisade"],  # referred to apply at the cap, added to the contacts referred
        """SELECT insats_id, count(*) FROM dokumentation_deltagande
           WHERE insats_id = ANY(%(insatser)s) AND hanvisad_ansoka BETWEEN %(start)s AND %(slut)s
           GROUP BY 1""",
    ),
    (
        ["unika", "vantelista_nu"],
        """SELECT insats_id,
                  count(DISTINCT personnyckel) FILTER (WHERE status <> 'vantar')
                  + count(*) FILTER (WHERE status <> 'vantar' AND personnyckel IS NULL),
                  count(*) FILTER (WHERE status = 'vantar')
           FROM dokumentation_deltagande
           WHERE insats_id = ANY(%(insatser)s) AND startdatum <= %(slut)s
             AND (status = 'vantar' OR slutdatum IS NULL OR slutdatum >= %(start)s)
           GROUP BY 1""",
    ),
]
NYCKLAR = {k for nycklar, _ in GOLV for k in nycklar}
# A person in two of the insatser is one person in the sum.
GOLV_UNIKA = """SELECT count(DISTINCT personnyckel) + count(*) FILTER (WHERE personnyckel IS NULL)
    FROM dokumentation_deltagande
    WHERE insats_id = ANY(%(insatser)s) AND status <> 'vantar' AND startdatum <= %(slut)s
      AND (slutdatum IS NULL OR slutdatum >= %(start)s)"""


def golv(insatser: list[int], idag: datetime.date) -> tuple[dict[int, dict[str, int]], int]:
    """The floor's counts: per insats, and the unique participants over them all."""
    p = {"insatser": insatser, "start": datetime.date(idag.year, 1, 1), "slut": idag}
    ut: dict[int, dict[str, int]] = {i: {} for i in insatser}
    with connection.cursor() as c:
        for nycklar, sql in GOLV:
            c.execute(sql, p)
            for insats_id, *varden in c.fetchall():
                for nyckel, n in zip(nycklar, varden, strict=True):
                    ut[insats_id][nyckel] = ut[insats_id].get(nyckel, 0) + int(n or 0)
        c.execute(GOLV_UNIKA, p)
        unika = int(c.fetchone()[0])
    return ut, unika


def kontrollera(insatser: list[Insats], idag: datetime.date) -> None:
    """The floor counts what the page shows, or the comparison means nothing."""
    rader, summa = hittills(insatser, idag)
    golvet, unika = golv([i.pk for i in insatser], idag)
    for rad in rader:
        sidan = {k: v for k, v in rad.antal.items() if v and k in NYCKLAR}
        if sidan != {k: v for k, v in golvet[rad.insats.pk].items() if v}:
            raise SystemExit(f"{rad.insats}: sidan {sidan}, golvet {golvet[rad.insats.pk]}")
    if summa is not None and summa.antal["unika"] != unika:
        raise SystemExit(f"Unika totalt: sidan {summa.antal['unika']}, golvet {unika}")


def utforare(idag: datetime.date) -> list[tuple[str, int, int]]:
    """The utförare with the most sessions this year and the median one (among those with
    any): (which, utförare id, sessions this year)."""
    with connection.cursor() as c:
        c.execute(
            "SELECT utforare_id, count(*) FROM dokumentation_tillfalle WHERE datum >= %s"
            " GROUP BY 1 ORDER BY 2 DESC, 1",
            [datetime.date(idag.year, 1, 1)],
        )
        rader = c.fetchall()
    return [("största", *rader[0]), ("median", *rader[len(rader) // 2])]


def klient_for(utforare_id: int) -> tuple[Client, list[Insats]]:
    """A logged-in staff member of the utförare, and the insatser the page shows."""
    personal = (
        Anvandare.objects.filter(
            behorigheter__utforare_id=utforare_id, behorigheter__roll=Roll.UTFORARPERSONAL
        )
        .order_by("pk")
        .first()
    )
    if personal is None:
        raise SystemExit(f"Ingen personal hos utförare {utforare_id}.")
    klient = Client()
    klient.force_login(personal)
    insatser = list(
        Insats.objects.filter(utforare_id=utforare_id)
        .exclude(status=Insats.Status.UTKAST)
        .order_by("namn")
    )
    return klient, insatser


def tid(funktion: Callable[[], object]) -> float:
    start = time.perf_counter()
    funktion()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--varv", type=int, default=10)
    args = parser.parse_args()
    idag = timezone.localdate()
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM dokumentation_tillfalle")
        antal = c.fetchone()[0]
    print(f"Tillfällen: {antal:,}; i dag {idag}; median av {args.varv}.".replace(",", " "))
    print()
    print("| Utförare | Insatser | Tillfällen i år | Sidan | Funktionen | Golvet | Sidan/golvet |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for vilken, utforare_id, i_ar in utforare(idag):
        klient, insatser = klient_for(utforare_id)
        kontrollera(insatser, idag)
        ids = [i.pk for i in insatser]

        def sida(klient: Client = klient) -> None:
            svar = klient.get("/utforare/hittills/")
            if svar.status_code != 200:
                raise SystemExit(f"Sidan svarade {svar.status_code}.")

        fall = {
            "sida": sida,
            "funktion": lambda insatser=insatser: hittills(insatser, idag),
            "golv": lambda ids=ids: golv(ids, idag),
        }
        for f in fall.values():
            f()  # warm-up: connection, templates, plans
        tider: dict[str, list[float]] = {n: [] for n in fall}
        for _ in range(args.varv):  # taking turns, so both meet the same machine
            for namn, f in fall.items():
                tider[namn].append(tid(f))
        s, f, g = (statistics.median(tider[n]) for n in ("sida", "funktion", "golv"))
        print(
            f"| {vilken} | {len(insatser)} | {i_ar:,} | {s * 1000:.0f} ms | {f * 1000:.0f} ms "
            f"| {g * 1000:.0f} ms | {s / g:.2f} |".replace(",", " "),
            flush=True,
        )


if __name__ == "__main__":
    main()
