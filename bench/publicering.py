"""Publication at full size: computing and freezing one period, and showing a published
report (a read of stored tables).

    DATABASE_URL=postgres:///bench python bench/publicering.py

Against a database from bench/generera.py. Every closed period but the last year is
published first (untimed); then the last year's publication (its last half-year and the
year, protected jointly with its first half-year) is timed. The report is timed against a
floor measured in the same run: one query reading every stored count of the catalogue.
Finally the share of published counts that the protection hides or withdraws.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("KRAV_TVASTEGSVERIFIERING", "false")

import django

django.setup()

from django.db import connection
from django.test import Client

from insatser.models import Katalog
from organisation.models import Anvandare, Roll
from uppfoljning import publicering
from uppfoljning.models import Publiceringspost


def main() -> None:
    idag = datetime.date.today()
    ar = idag.year - 1
    katalog = Katalog.objects.get()
    sista = datetime.date(ar, 12, 31)
    print(
        "| Publicering | Tid | Små tal | Dolda för att skydda dem | Tillbakadragna "
        "| Heltalsprogram |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    sist = None
    for slut in publicering.att_publicera(katalog, idag):
        start = time.perf_counter()
        p = publicering.publicera(katalog, slut)
        sekunder = time.perf_counter() - start
        if p is None:
            continue
        g = p.granskning
        print(
            f"| {', '.join(p.perioder)} | {sekunder:.1f} s | {g['primart_dolda']} | "
            f"{g['sekundart_dolda']} | {g['tillbakadragna']} | {g['heltalsprogram']} |"
        )
        if slut == sista:
            sist = sekunder
    if sist is None:
        raise SystemExit("Året var redan publicerat; mät mot en ny databas.")
    print()
    print("| Mätning | Resultat |\n|---|---|")
    print(f"| Publicera {ar} (andra halvåret och året, 2 M tillfällen, 5 år) | {sist:.1f} s |")
    anvandare = Anvandare.objects.filter(behorigheter__roll=Roll.VERKSAMHETSCHEF).first()
    klient = Client()
    klient.force_login(anvandare)
    url = f"/uppfoljning/rapport/{ar}/"

    def golv() -> None:
        with connection.cursor() as c:
            c.execute(
                "SELECT matt, insats_id, kolumn, sant, status FROM uppfoljning_publiceringspost "
                "p JOIN uppfoljning_publicering u ON u.id = p.publicering_id "
                "WHERE u.katalog_id = %s",
                [katalog.pk],
            )
            c.fetchall()

    def sida() -> None:
        svar = klient.get(url)
        if svar.status_code != 200:
            raise SystemExit(f"Rapporten svarade {svar.status_code}.")

    tider: dict[str, list[float]] = {"golv": [], "sida": []}
    for _ in range(15):
        for namn, f in (("golv", golv), ("sida", sida)):
            t = time.perf_counter()
            f()
            tider[namn].append(time.perf_counter() - t)
    g, s = statistics.median(tider["golv"]), statistics.median(tider["sida"])
    print(
        f"| Nämndrapporten {ar}, median av 15 | {s * 1000:.0f} ms "
        f"({s / g:.1f} × golvet {g * 1000:.0f} ms) |"
    )
    poster = Publiceringspost.objects.filter(publicering__katalog=katalog).exclude(
        matt__startswith="medel."
    )
    tillbaka = sum(p.granskning["tillbakadragna"] for p in katalog.publiceringar.all())
    # Unpublished by design (outcomes per half-year, kept for the samband) are not a cost.
    publicerade = poster.exclude(status="opublicerad").count() + tillbaka
    dolda = poster.filter(status="dold").count()
    sma = poster.filter(primar=True).count()
    print(f"| Publicerade tal, alla perioder | {publicerade} |")
    print(f"| – små (1–4), dolda | {sma} ({sma / publicerade:.1%}) |")
    print(f"| – dolda för att skydda dem | {dolda - sma} ({(dolda - sma) / publicerade:.1%}) |")
    print(f"| – tillbakadragna fördelningar | {tillbaka} ({tillbaka / publicerade:.1%}) |")
    print("| – visade tal som avviker från det sanna | 0 (undertryckning ändrar inget tal) |")


if __name__ == "__main__":
    main()
