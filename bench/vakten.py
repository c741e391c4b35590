"""The database's identity guard: this checkout's functions against another checkout's.

    python bench/vakten.py --mot /path/to/other/checkout [--varv 2]

Against a migrated database in DATABASE_OWNER_URL (or DATABASE_URL), e.g. under
scripts/med-postgres after `manage.py migrate`. Writes the guard's SQL functions
(identitetsskydd.sql.funktioner) from this checkout (B) and from the other (A, run with its own
code in a subprocess), then in turns A, B, A, B … installs each in the same database and
times, in a fresh connection: every corpus text of tests/identitetsskydd/korpus once, in one
statement (many different texts, as the corpus test does), and two texts 300 times each (one
text saved again and again, as staff do). The answers of A and B are compared text by text.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
if os.environ.get("DATABASE_OWNER_URL"):  # replacing functions needs their owner
    os.environ["DATABASE_URL"] = os.environ["DATABASE_OWNER_URL"]

import django

django.setup()
from django.db import connection

from identitetsskydd import sql

SKRIV = (
    "import os, sys; sys.path.insert(0, '.'); os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
    " 'config.settings'); import django; django.setup(); from identitetsskydd import sql;"
    " sys.stdout.write(sql.funktioner())"
)
UPPREPADE = ["Folkbokförd i kommunen 12", "Gruppen träffades på biblioteket och pratade om skolan"]


def korpus() -> list[str]:
    texter = []
    for fil in sorted((ROT / "tests/identitetsskydd/korpus").glob("*.tsv")):
        for rad in fil.read_text(encoding="utf-8").splitlines():
            if rad and not rad.startswith("#"):
                texter.append(rad.split("\t")[-1])
    return texter


def skal(texter: list[str]) -> dict[str, str | None]:
    with connection.cursor() as c:
        c.execute("SELECT t, iub_fritext_skal(t) FROM unnest(%s::text[]) AS t", [texter])
        return dict(c.fetchall())


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--mot", required=True, help="the other checkout (A)")
    tolk.add_argument("--varv", type=int, default=2)
    arg = tolk.parse_args()
    miljo = {**os.environ, "DEBUG": "true"}
    a = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, "-c", SKRIV], cwd=arg.mot, env=miljo, check=True, capture_output=True
    ).stdout.decode()
    funktioner = {"A": a, "B": sql.funktioner()}
    texter = korpus()
    svar: dict[str, dict[str, str | None]] = {}
    print(f"{len(texter)} texter; ms per text (A = {arg.mot}, B = den här)")
    for varv in range(arg.varv):
        for namn, kod in funktioner.items():
            with connection.cursor() as c:
                c.execute(kod)
            connection.close()  # a new session: its compiled expressions start empty
            skal(texter[:5])
            start = time.perf_counter()
            svar[namn] = skal(texter)
            rad = [f"korpusen {1000 * (time.perf_counter() - start) / len(texter):.2f}"]
            for text in UPPREPADE:
                start = time.perf_counter()
                skal([text] * 300)
                rad.append(
                    f"{len(text)} tecken om igen {1000 * (time.perf_counter() - start) / 300:.2f}"
                )
            print(f"varv {varv + 1} {namn}: " + "; ".join(rad), flush=True)
    olika = [t for t in texter if svar["A"][t] != svar["B"][t]]
    print(f"olika svar: {len(olika)}", olika[:5])


if __name__ == "__main__":
    main()
