"""Where a registration's time goes: queries and Python per request, in one process.

    python bench/profil.py [--varv 300] [--profil kontakt]

Against the database in DATABASE_URL, filled by bench/generera.py. Runs the requests of
bench/belastning.py (open the contact form, register a contact, register a talk) and the floor
(/golv/) through Django's test client with the production middleware, one user, and prints
per request: the mean time, the ratio to the floor, and the number of SQL queries with each
query's shape. `--profil NAME` adds a cProfile of that request (sorted by own time), which is
how the load benchmark's gap to the floor is taken apart without gunicorn and the network.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from django.db import connection
from django.test import Client

# The same settings as the load benchmark (bench.installningar, no second factor, no TLS);
# importing it sets them and sets Django up.
import bench.belastning as belastning


def klient(fall: belastning.Anvandarfall) -> Client:
    c = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    for del_ in fall.kaka.split("; "):
        namn, varde = del_.split("=", 1)
        c.cookies[namn] = varde
    return c


def anropa(c: Client, fall: belastning.Anvandarfall, metod: str, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    if metod == "GET":
        return c.get(url)
    # As a browser posts our forms, and as bench/belastning.py does: urlencoded, not the test
    # client's default multipart (whose parser costs more per field than the view itself).
    kropp = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": fall.csrf})
    return c.post(url, kropp, content_type="application/x-www-form-urlencoded")


def steg(fall: belastning.Anvandarfall) -> list[tuple[str, str, str, dict[str, str], int]]:
    return [*belastning.registrering(fall), *belastning.golvet(fall)]


def form(sql: str) -> str:
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return sql[:150]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--varv", type=int, default=300)
    parser.add_argument("--profil", default="")
    args = parser.parse_args()
    fall = belastning.forbered(1)[0]
    c = klient(fall)
    # Warm: templates compiled, connections open, caches filled.
    for _ in range(5):
        for namn, metod, url, data, status in steg(fall):
            svar = anropa(c, fall, metod, url, data)
            if svar.status_code != status:
                raise SystemExit(f"{namn}: svarade {svar.status_code}, väntade {status}")
    tider: dict[str, float] = Counter()
    fragetider: dict[str, list[list[float]]] = {}
    fragorna: dict[str, list[str]] = {}
    for _ in range(20):
        for namn, metod, url, data, _status in steg(fall):
            uppmatta: list[tuple[str, float]] = []

            def mat(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    uppmatta.append((sql, time.perf_counter() - start))  # noqa: B023

            with connection.execute_wrapper(mat):
                anropa(c, fall, metod, url, data)
            fragorna[namn] = [form(sql) for sql, _ in uppmatta]
            fragetider.setdefault(namn, []).append([t for _, t in uppmatta])
    for namn, rader in fragorna.items():
        print(f"\n{namn}: {len(rader)} frågor (median ms över 20 varv)")
        for i, sql in enumerate(rader):
            ms = statistics.median(t[i] for t in fragetider[namn] if len(t) > i) * 1000
            print(f"   {ms:5.2f}  {sql}")
    profil = cProfile.Profile()
    for _ in range(args.varv):
        for namn, metod, url, data, _status in steg(fall):
            if namn == args.profil:
                profil.enable()
            start = time.perf_counter()
            anropa(c, fall, metod, url, data)
            tider[namn] += time.perf_counter() - start
            if namn == args.profil:
                profil.disable()
    golv = tider["golv"] / args.varv
    print()
    for namn, summa in tider.items():
        ms = summa / args.varv * 1000
        print(f"{namn:16} {ms:7.2f} ms   {ms / (golv * 1000):5.2f} × golvet")
    if args.profil:
        pstats.Stats(profil).sort_stats("tottime").print_stats(35)
        pstats.Stats(profil).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    os.environ.setdefault("AXES_VERBOSE", "false")
    main()
