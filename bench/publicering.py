"""Publication at full size: computing and freezing each closed period.

    DATABASE_URL=postgres:///bench python bench/publicering.py

Against a new database from bench/generera.py, nothing published yet. Publishes every closed
period in turn, as `manage.py publicera` does the first time, and times each: a half-year
alone, or a year with its last half-year (protected jointly with its first half-year). Then
the longest and the whole, and the share of published counts that the protection hides or
withdraws. The published pages are timed by bench/rapporter.py.
"""

from __future__ import annotations

import datetime
import os
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

from dokumentation.tillfallen.models import Tillfalle
from insatser.models import Katalog
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
    tider: list[float] = []
    for slut in publicering.att_publicera(katalog, idag):
        start = time.perf_counter()
        p = publicering.publicera(katalog, slut)
        sekunder = time.perf_counter() - start
        if p is None:
            continue
        tider.append(sekunder)
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
    antal = f"{Tillfalle.objects.count():,} tillfällen".replace(",", " ")
    print(f"| Publicera {ar} (andra halvåret och året, {antal}) | {sist:.1f} s |")
    print(f"| Längsta publiceringen | {max(tider):.1f} s |")
    print(f"| Alla {len(tider)} publiceringar (första `publicera`) | {sum(tider):.1f} s |")
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
