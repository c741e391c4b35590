"""Processor time per registration request against the floor's, in one process.

    python bench/processortid.py [--block 50]

Against the database in DATABASE_URL, filled by bench/generera.py. The requests of
bench/profil.py (the contact form, a contact, a talk and the floor), each timed with the
process's own processor time (time.process_time: what Python spends, not the database nor
other processes on a shared machine), in blocks of ten rounds; per request the tenth
percentile of the blocks' means, which a burst of load on the machine does not move.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench.profil as profil  # sets the load benchmark's settings and sets Django up
from bench import belastning

OMGANGAR_PER_BLOCK = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--block", type=int, default=50)
    args = parser.parse_args()
    fall = belastning.forbered(1)[0]
    klient = profil.klient(fall)
    for _ in range(10):  # warm: templates compiled, connections open, caches filled
        for namn, metod, url, data, status in profil.steg(fall):
            svar = profil.anropa(klient, fall, metod, url, data)
            if svar.status_code != status:
                raise SystemExit(f"{namn}: svarade {svar.status_code}, väntade {status}")
    block: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.block):
        summa: dict[str, float] = defaultdict(float)
        for _ in range(OMGANGAR_PER_BLOCK):
            for namn, metod, url, data, _status in profil.steg(fall):
                start = time.process_time()
                profil.anropa(klient, fall, metod, url, data)
                summa[namn] += time.process_time() - start
        for namn, tid in summa.items():
            block[namn].append(tid / OMGANGAR_PER_BLOCK)
    tider = {namn: sorted(v)[len(v) // 10] for namn, v in block.items()}
    golv = tider["golv"]
    for namn, tid in tider.items():
        print(f"{namn:16} {tid * 1000:6.3f} ms   {tid / golv:5.2f} × golvet")
    registrering = sum(tid for namn, tid in tider.items() if namn != "golv")
    print(f"Kvot per omgång: {3 * golv / registrering:.3f}")


if __name__ == "__main__":
    os.environ.setdefault("AXES_VERBOSE", "false")
    main()
