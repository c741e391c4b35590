"""Registration under load: gunicorn and PostgreSQL on loopback, against the floor endpoint.

    python bench/belastning.py [--anvandare 20] [--sekunder 45] [--tanketid 1.0]

Against the database in DATABASE_URL, filled by bench/generera.py. Starts gunicorn (the
command in the README, 3 sync workers) with bench.installningar, which adds /golv/: one
INSERT through the same middleware (bench/golv.py). Then four phases, each with the given
number of simulated staff, each with its own login session at its own utförare:

1. registration, bounded: each user in turn opens the contact form, registers a contact and
   registers a talk with an ongoing participant, with an exponentially distributed think
   time (mean --tanketid seconds) before every request;
2. the floor, bounded: the same users and think time, each request a POST to /golv/;
3. and 4. the same two without think time, which is the most the server manages. These two
   take turns (--omgangar, each turn a part of --sekunder), so that a shared host that
   speeds up or slows down during the run weighs on both alike.

Latency is measured in the client, from sending the request to the last byte of the answer.
The client runs on the same two cores as gunicorn and PostgreSQL, for both the application
and the floor alike.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
MILJO = {
    "DJANGO_SETTINGS_MODULE": "bench.installningar",
    "KRAV_TVASTEGSVERIFIERING": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
}
os.environ.update(MILJO)

import django

django.setup()

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils.crypto import get_random_string

from dokumentation.deltagande.models import Deltagande
from insatser.models import Insats
from organisation.models import Anvandare

PORT = 8123


@dataclass
class Anvandarfall:
    kaka: str
    csrf: str
    insats_id: int
    utforare_id: int
    deltagande_id: int


@dataclass
class Matning:
    tider: dict[str, list[float]] = field(default_factory=dict)
    fel: int = 0
    las: threading.Lock = field(default_factory=threading.Lock)

    def lagg_till(self, slag: str, sekunder: float, ok: bool) -> None:
        with self.las:
            self.tider.setdefault(slag, []).append(sekunder)
            if not ok:
                self.fel += 1


def forbered(antal: int) -> list[Anvandarfall]:
    """One staff user per utförare with an individual insats and an ongoing participant in it,
    logged in by a session made directly in the session store."""
    fall: list[Anvandarfall] = []
    anvanda: set[int] = set()
    insatser = (
        Insats.objects.filter(form="individuell", dokumentationsregel="14:5", status="beslutad")
        .select_related("utforare")
        .order_by("id")
    )
    for insats in insatser:
        deltagande = (
            Deltagande.objects.filter(insats=insats, status="pagaende", omgang=None)
            .order_by("id")
            .first()
        )
        anvandare = Anvandare.objects.filter(
            behorigheter__utforare=insats.utforare, behorigheter__roll="utforarpersonal"
        ).exclude(pk__in=anvanda)
        if deltagande is None or not anvandare.exists():
            continue
        for person in anvandare[: antal - len(fall)]:
            anvanda.add(person.pk)
            session = SessionStore()
            session[SESSION_KEY] = str(person.pk)
            session[BACKEND_SESSION_KEY] = "organisation.behorighet.Inloggning"
            session[HASH_SESSION_KEY] = person.get_session_auth_hash()
            session.create()
            csrf = get_random_string(32)
            kaka = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={csrf}"
            fall.append(Anvandarfall(kaka, csrf, insats.pk, insats.utforare_id, deltagande.pk))
        if len(fall) >= antal:
            return fall
    raise SystemExit("För få insatser med pågående deltagare; kör bench/generera.py först.")


def anrop(
    conn: http.client.HTTPConnection, fall: Anvandarfall, metod: str, url: str, data: dict[str, str]
) -> tuple[int, float]:
    kropp = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": fall.csrf}) if data else None
    huvuden = {"Cookie": fall.kaka, "Host": f"127.0.0.1:{PORT}"}
    if kropp:
        huvuden["Content-Type"] = "application/x-www-form-urlencoded"
    start = time.perf_counter()
    try:
        conn.request(metod, url, body=kropp, headers=huvuden)
        svar = conn.getresponse()
        svar.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        return 0, time.perf_counter() - start
    return svar.status, time.perf_counter() - start


def registrering(fall: Anvandarfall) -> list[tuple[str, str, str, dict[str, str], int]]:
    idag = datetime.date.today().isoformat()
    formular = f"/utforare/kontakt/insats/{fall.insats_id}/"
    return [
        ("kontaktformulär", "GET", formular, {}, 200),
        (
            "kontakt",
            "POST",
            formular,
            {
                "nyckel": str(uuid.uuid4()),
                "datum": idag,
                "kanal": "pa_plats",
                "alder": "34",
                "kon": "kvinna",
                "villkor_1": "uppfyllt",
                "villkor_2": "uppfyllt",
                "informerad": "on",
                "utfall": "deltar",
                # Many alike in a few minutes: confirmed, as staff do for identical walk-ins.
                "spara_en_till": "ja",
            },
            302,
        ),
        (
            "samtal",
            "POST",
            f"/utforare/deltaganden/{fall.deltagande_id}/samtal/",
            {
                "nyckel": str(uuid.uuid4()),
                "datum": idag,
                "langd_minuter": "45",
                "kanal": "pa_plats",
                "spara_en_till": "ja",
                # The same participation again and again reaches its caps: beyond them each
                # talk is registered with a reason (11 kap. 5 §), as staff would.
                "over_taket": "ansokan_pagar",
            },
            302,
        ),
    ]


def golvet(fall: Anvandarfall) -> list[tuple[str, str, str, dict[str, str], int]]:
    data = {"insats": str(fall.insats_id), "utforare": str(fall.utforare_id)}
    return [("golv", "POST", "/golv/", data, 204)]


def kor_fas(fall: list[Anvandarfall], scenario, sekunder: float, tanketid: float) -> Matning:  # type: ignore[no-untyped-def]
    matning = Matning()
    slut = time.monotonic() + sekunder

    def anvandare(f: Anvandarfall, fro: int) -> None:
        slump = random.Random(fro)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < slut:
            for slag, metod, url, data, vantat in scenario(f):
                if tanketid:
                    time.sleep(slump.expovariate(1 / tanketid))
                if time.monotonic() >= slut:
                    break
                status, tid = anrop(conn, f, metod, url, data)
                matning.lagg_till(slag, tid, status == vantat)

    tradar = [threading.Thread(target=anvandare, args=(f, nr)) for nr, f in enumerate(fall)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    return matning


def percentil(varden: list[float], p: float) -> float:
    return statistics.quantiles(varden, n=100, method="inclusive")[int(p) - 1]


def svarar() -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
        conn.request("GET", "/halsa/", headers={"Host": f"127.0.0.1:{PORT}"})
        return conn.getresponse().status == 200
    except OSError:
        return False


def starta_gunicorn(workers: int) -> subprocess.Popen[bytes]:
    if svarar():
        raise SystemExit(f"Något svarar redan på port {PORT}; stoppa det först.")
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROT,
        env={**os.environ, **MILJO},
    )
    for _ in range(100):
        if svarar():
            return process
        time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn startade inte.")


def skriv_rader(rubrik: str, m: Matning, sekunder: float) -> None:
    alla = [t for tider in m.tider.values() for t in tider]
    rader = [(rubrik, alla)]
    if len(m.tider) > 1:
        rader += [(f"– {slag}", tider) for slag, tider in m.tider.items()]
    for namn, tider in rader:
        ms = [f"{percentil(tider, p) * 1000:.0f} ms" for p in (50, 95, 99)]
        print(
            f"| {namn} | {len(tider)} | {len(tider) / sekunder:.1f} "
            f"| {' | '.join(ms)} | {m.fel if namn == rubrik else ''} |",
            flush=True,
        )


def sla_ihop(matningar: list[Matning]) -> Matning:
    hop = Matning()
    for m in matningar:
        for slag, tider in m.tider.items():
            hop.tider.setdefault(slag, []).extend(tider)
        hop.fel += m.fel
    return hop


def antal(m: Matning) -> int:
    return sum(len(tider) for tider in m.tider.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anvandare", type=int, default=20)
    parser.add_argument("--sekunder", type=float, default=45)
    parser.add_argument("--tanketid", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (README: 3)")
    parser.add_argument(
        "--omgangar",
        type=int,
        default=3,
        help="without think time, the application and the floor take turns this many times",
    )
    args = parser.parse_args()
    fall = forbered(args.anvandare)
    gunicorn = starta_gunicorn(args.workers)
    try:
        kor_fas(fall, registrering, 5, args.tanketid)  # warm-up: workers, connections, caches
        print("| Fas | Anrop | Anrop/s | p50 | p95 | p99 | Fel |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for rubrik, scenario in [("Registrering", registrering), ("Golvet", golvet)]:
            m = kor_fas(fall, scenario, args.sekunder, args.tanketid)
            skriv_rader(f"{rubrik}, {args.anvandare} användare, tänketid", m, args.sekunder)
        # Without think time: the most the server manages. The two take turns, so that a
        # machine that speeds up or slows down during the run (a shared host) weighs on both
        # alike; the ratio is given per turn and for the whole.
        del_sekunder = args.sekunder / args.omgangar
        app: list[Matning] = []
        golv: list[Matning] = []
        for _ in range(args.omgangar):
            app.append(kor_fas(fall, registrering, del_sekunder, 0.0))
            golv.append(kor_fas(fall, golvet, del_sekunder, 0.0))
        for rubrik, matningar in [("Registrering", app), ("Golvet", golv)]:
            skriv_rader(
                f"{rubrik}, {args.anvandare} användare, utan tänketid",
                sla_ihop(matningar),
                args.sekunder,
            )
        kvoter = [antal(a) / antal(g) for a, g in zip(app, golv, strict=True)]
        hela = sum(map(antal, app)) / sum(map(antal, golv))
        print(
            f"\nKvot utan tänketid, registrering mot golvet: {hela:.2f} "
            f"(per omgång {', '.join(f'{k:.2f}' for k in kvoter)})",
            flush=True,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
