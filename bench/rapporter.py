"""Published reports: every page that shows a publication, the first view in a new process
and warm, against the floor.

    python bench/rapporter.py [--ar 2025] [--varv 10] [--nya 5]

Against the database in DATABASE_URL, filled by bench/generera.py and published
(`manage.py publicera` or bench/publicering.py). No report computes anything from the records
any more: each reads the stored publication (uppfoljning/publicerat.py). Timed, as the
verksamhetschef (the årsuppföljning as the enhetschef of the insats with the most contacts):

* the nämnd report of --ar as HTML, and its PDF, XLSX and CSV exports;
* the guideline follow-up of the year's second half (riktlinje);
* the yearly follow-up of the largest insats (arsuppfoljning).

*First view*: a new Python process per run (--nya runs), as after a restart of gunicorn: the
WSGI module loaded as a worker loads it before it takes requests (which loads the URLs' views
and compiles the templates, config/wsgi.py), then one GET with a session made beforehand, timed
from sending the request to the whole answer; so it includes the database connection, the
catalogue kept in memory and, for the PDF, loading WeasyPrint. *Warm*: the median of
--varv GETs in one process after a warm-up. The floor is a read of every stored count of the
municipality in one query (what any report reads is a part of it), the same way: in a new
process with a new connection, and warm. The application and the floor take turns.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KRAV_TVASTEGSVERIFIERING", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # WeasyPrint logs every step of every page

import django

django.setup()

from django.conf import settings
from django.db import connection
from django.test import Client

from organisation.models import Anvandare, Roll

GOLV = (
    "SELECT matt, insats_id, kolumn, sant, status FROM uppfoljning_publiceringspost p"
    " JOIN uppfoljning_publicering u ON u.id = p.publicering_id WHERE u.katalog_id ="
    " (SELECT min(id) FROM insatser_katalog)"
)


def golv() -> None:
    with connection.cursor() as c:
        c.execute(GOLV)
        c.fetchall()


def hamta(klient: Client, url: str) -> int:
    svar = klient.get(url)
    if svar.status_code != 200:
        raise SystemExit(f"{url} svarade {svar.status_code}")
    return len(svar.content)


def forsta(url: str, kaka: str) -> float:
    """In a new process (this script with --forsta): the first view, or the floor's first
    read when url is "golv"."""
    if url != "golv":
        # What a gunicorn worker does before it takes its first request: load the WSGI
        # module, which loads every URL's views and compiles the templates (config/wsgi.py).
        import config.wsgi  # noqa: F401
    klient = Client()
    klient.cookies[settings.SESSION_COOKIE_NAME] = kaka
    start = time.perf_counter()
    golv() if url == "golv" else hamta(klient, url)
    return time.perf_counter() - start


def i_ny_process(url: str, kaka: str) -> float:
    ut = subprocess.run(  # noqa: S603 - this script, fixed arguments
        [sys.executable, __file__, "--forsta", url, "--kaka", kaka],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(ut.stdout.split()[-1])


def inloggad(anvandare: Anvandare) -> tuple[Client, str]:
    klient = Client()
    klient.force_login(anvandare)
    return klient, klient.cookies[settings.SESSION_COOKIE_NAME].value


def sidor(ar: int) -> list[tuple[str, Anvandare, str]]:
    chef = Anvandare.objects.filter(behorigheter__roll=Roll.VERKSAMHETSCHEF).order_by("pk")[0]
    with connection.cursor() as c:
        c.execute(
            "SELECT insats_id, max(utforare_id) FROM dokumentation_kontakt"
            " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        )
        insats_id, utforare_id = c.fetchone()
    enhetschef = Anvandare.objects.filter(
        behorigheter__utforare_id=utforare_id, behorigheter__roll=Roll.ENHETSCHEF
    ).order_by("pk")[0]
    return [
        ("Nämndrapport, HTML", chef, f"/uppfoljning/rapport/{ar}/"),
        ("Nämndrapport, PDF", chef, f"/uppfoljning/rapport/{ar}.pdf"),
        ("Nämndrapport, XLSX", chef, f"/uppfoljning/rapport/{ar}.xlsx"),
        ("Nämndrapport, CSV", chef, f"/uppfoljning/rapport/{ar}.csv"),
        ("Riktlinjeuppföljning, andra halvåret", chef, f"/uppfoljning/riktlinje/{ar}-H2/"),
        ("Årsuppföljning, största insatsen", enhetschef, f"/uppfoljning/insats/{insats_id}/{ar}/"),
    ]


def ms(sekunder: float) -> str:
    return f"{sekunder * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ar", type=int, default=datetime.date.today().year - 1)
    parser.add_argument("--varv", type=int, default=10, help="warm runs of each page")
    parser.add_argument("--nya", type=int, default=5, help="new processes for each first view")
    parser.add_argument("--forsta", help=argparse.SUPPRESS)
    parser.add_argument("--kaka", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.forsta:
        print(forsta(args.forsta, args.kaka))
        return
    fall = sidor(args.ar)
    print(
        f"| Sida ({args.ar}) | Första visningen (median av {args.nya}, min–max) "
        f"| Golvet, ny process | Varm (median av {args.varv}) | Golvet, varmt | Varm/golvet |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for rubrik, anvandare, url in fall:
        klient, kaka = inloggad(anvandare)
        nya: list[float] = []
        nya_golv: list[float] = []
        for _ in range(args.nya):  # taking turns with the floor
            nya.append(i_ny_process(url, kaka))
            nya_golv.append(i_ny_process("golv", ""))
        hamta(klient, url)  # warm-up
        golv()
        varma: list[float] = []
        varma_golv: list[float] = []
        for _ in range(args.varv):
            start = time.perf_counter()
            hamta(klient, url)
            varma.append(time.perf_counter() - start)
            start = time.perf_counter()
            golv()
            varma_golv.append(time.perf_counter() - start)
        v, g = statistics.median(varma), statistics.median(varma_golv)
        print(
            f"| {rubrik} | {ms(statistics.median(nya))} ({ms(min(nya))}–{ms(max(nya))}) "
            f"| {ms(statistics.median(nya_golv))} | {ms(v)} | {ms(g)} | {v / g:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
