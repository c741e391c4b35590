"""Growth: the published report's time and the daily staff pages' time as history grows.

    python bench/tillvaxt.py [--ar 2025] [--varv 5]

Against the database in DATABASE_URL, filled by bench/generera.py with some number of
sessions and published (`manage.py publicera`). Prints one table row: the size; the nämnd
report, which reads the stored publication (uppfoljning/publicerat.py), as the first request
of this new process (as after a restart, but with the database connection already open) and
warm; and the median time of each page staff use every day, which must stay flat however much
history there is. The page Hittills i år counts the year so far from the records, so it grows
with the year's volume of the utförare, not with the history (bench/sidvikt.py weighs the same
pages). bench/kor runs it at 10 000, 100 000 and 1 000 000 sessions (STORLEKAR for others) and
at the full size (FULL_STORLEK).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
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

from dokumentation.deltagande.models import Deltagande
from dokumentation.tillfallen.models import Omgang, Tillfalle
from insatser.models import Insats
from organisation.models import Anvandare

SIDOR = [
    ("Startsidan", "/start/"),
    ("Ny kontakt", "/utforare/kontakt/insats/{insats}/"),
    ("Deltaganden", "/utforare/deltaganden/"),
    ("Ett deltagande", "/utforare/deltaganden/{deltagande}/"),
    ("Omgångar", "/utforare/omgangar/"),
    ("En omgång", "/utforare/omgangar/{omgang}/"),
    ("Närvaro", "/utforare/traffar/{traff}/"),
    ("Hittills i år", "/utforare/hittills/"),
]


def median_tid(klient: Client, url: str, varv: int) -> float:
    klient.get(url)
    tider = []
    for _ in range(varv):
        start = time.perf_counter()
        svar = klient.get(url)
        tider.append(time.perf_counter() - start)
        if svar.status_code != 200:
            raise SystemExit(f"{url} svarade {svar.status_code}")
    return statistics.median(tider)


def sidvarden() -> tuple[Client, dict[str, int]]:
    """A logged-in client for staff at the busiest utförare, and the ids its pages need."""
    with connection.cursor() as c:
        c.execute(
            "SELECT utforare_id FROM dokumentation_tillfalle GROUP BY 1 ORDER BY count(*) DESC"
            " LIMIT 1"
        )
        utforare_id = c.fetchone()[0]
    personal = Anvandare.objects.filter(
        behorigheter__utforare_id=utforare_id, behorigheter__roll="utforarpersonal"
    ).first()
    omgang = Omgang.objects.filter(utforare_id=utforare_id).order_by("-startdatum").first()
    traff = Tillfalle.objects.filter(omgang=omgang).order_by("-datum").first()
    insats = Insats.objects.filter(utforare_id=utforare_id).exclude(form="oppen_verksamhet")
    deltagande = Deltagande.objects.filter(utforare_id=utforare_id, status="pagaende")
    varden = {
        "insats": insats.values_list("pk", flat=True)[0],
        "deltagande": deltagande.values_list("pk", flat=True)[0],
        "omgang": omgang.pk if omgang else 0,
        "traff": traff.pk if traff else 0,
    }
    klient = Client()
    klient.force_login(personal)
    return klient, varden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ar", type=int, default=datetime.date.today().year - 1)
    parser.add_argument("--varv", type=int, default=5)
    parser.add_argument("--rubrik", action="store_true", help="skriv tabellens rubrik först")
    args = parser.parse_args()
    staff, varden = sidvarden()
    chef = Client()
    chef.force_login(Anvandare.objects.get(username="verksamhetschef"))
    antal = Tillfalle.objects.count()
    # The first request of this new process (bench/rapporter.py times it from a fresh process
    # many times over, and the exports).
    rapport = f"/uppfoljning/rapport/{args.ar}/"
    start = time.perf_counter()
    if chef.get(rapport).status_code != 200:
        raise SystemExit(f"{rapport} svarade inte 200; är perioden publicerad?")
    forsta = time.perf_counter() - start
    varm = median_tid(chef, rapport, args.varv)
    sidor = [median_tid(staff, url.format(**varden), args.varv) for _, url in SIDOR]
    if args.rubrik:
        rubriker = ["Tillfällen", "Nämndrapport, första", "Nämndrapport, varm"]
        print("| " + " | ".join(rubriker + [n for n, _ in SIDOR]) + " |")
        print("|---:" * (len(SIDOR) + 3) + "|")
    print(
        f"| {antal:,} | {forsta * 1000:.0f} ms | {varm * 1000:.0f} ms | ".replace(",", " ")
        + " | ".join(f"{t * 1000:.0f} ms" for t in sidor)
        + " |",
        flush=True,
    )


if __name__ == "__main__":
    main()
