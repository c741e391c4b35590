"""The open export: every published cell of a municipality in long format (one row per
count), as CSV and JSON that national statistics, Kolada or a BI tool can read. Read from the
frozen publications only: a hidden count has no value, only its status; the format is
documented in docs/export.md and described by docs/export/publicerat.schema.json."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from grund.kalkyl import kalkylsaker
from insatser.models import Insats, Katalog
from uppfoljning.indikatorer import ALDERSGRUPPER, KON, SOCIALA_FALT
from uppfoljning.matt import MATTEN, MEDEL
from uppfoljning.models import Publiceringspost

VERSION = 1
FALT = [
    "kommunkod",
    "kommun",
    "publicerad",
    "period",
    "efterregistrerat_i",
    "insats_id",
    "insats",
    "insatsslag",
    "insatsform",
    "dokumentationsregel",
    "matt",
    "matt_namn",
    "kon",
    "aldersgrupp",
    "kategori",
    "varde",
    "status",
]
#: The stored status as the export names it: "visas" has a value, "dold" (shown as "×")
#: and "ej_publicerad" (shown as "–", also a withdrawn small count) never have one.
STATUS = {
    Publiceringspost.Status.VISAS: "visas",
    Publiceringspost.Status.DOLD: "dold",
    Publiceringspost.Status.OPUBLICERAD: "ej_publicerad",
}
KONEN = {k for k, _ in KON}
GRUPPERNA = {g for g, _ in ALDERSGRUPPER}
SOCIALT = {prefix: rubrik for rubrik, prefix, _ in SOCIALA_FALT}


def tolka_matt(matt: str) -> dict[str, str | None]:
    """A stored measure key as measure, name, sex, age band and category."""
    ut: dict[str, str | None] = {"matt": matt, "kon": None, "aldersgrupp": None, "kategori": None}
    delar = matt.split(".")
    if delar[0] == "medel":
        ut["matt_namn"] = dict(MEDEL).get(delar[1], matt)
        return ut
    if delar[0] == "social":
        prefix, _, tid = delar[1].rpartition("_")
        ut["matt"], ut["kategori"] = f"social.{delar[1]}", delar[2]
        ut["matt_namn"] = f"{SOCIALT.get(prefix, prefix)} vid {tid}"
        return ut
    ut["matt"] = delar[0]
    ut["matt_namn"] = MATTEN[delar[0]].rubrik.lstrip("– ") if delar[0] in MATTEN else delar[0]
    if len(delar) == 4 and delar[1] == "ka":
        ut["kon"], ut["aldersgrupp"] = delar[2], delar[3]
    elif len(delar) == 3 and delar[1] == "kon":
        ut["kon"] = delar[2]
    elif len(delar) == 3 and delar[1] == "alder":
        ut["aldersgrupp"] = delar[2]
    elif len(delar) == 3 and delar[1] in ("typ", "orsak", "kod", "skal"):
        ut["kategori"] = delar[2]  # villkor type, reason, problem or reason over a cap
    return ut


def poster(katalog: Katalog) -> Iterator[dict[str, Any]]:
    """Every stored cell of the municipality's publications, oldest publication first."""
    kommun = katalog.kommunen
    insatser = {
        i.pk: i
        for i in Insats.objects.filter(katalog=katalog).only(
            "namn", "slag", "form", "dokumentationsregel"
        )
    }
    rader = (
        Publiceringspost.objects.filter(publicering__katalog=katalog)
        .order_by("publicering__slut", "insats_id", "matt", "kolumn")
        .values_list("matt", "insats_id", "kolumn", "sant", "status", "publicering__skapad")
    )
    for matt, insats_id, kolumn, sant, status, skapad in rader.iterator(chunk_size=5000):
        period, _, efter = kolumn.partition("@")
        insats = insatser.get(insats_id) if insats_id else None
        varde: int | float | None = sant if status == Publiceringspost.Status.VISAS else None
        if varde is not None and matt.startswith("medel."):
            varde = varde / 10  # means are stored in tenths
        yield {
            "kommunkod": kommun.kod or "",
            "kommun": kommun.namn,
            "publicerad": timezone.localdate(skapad).isoformat(),
            "period": period,
            "efterregistrerat_i": efter or None,
            "insats_id": insats_id,
            "insats": insats.namn if insats else None,
            "insatsslag": insats.slag if insats else None,
            "insatsform": insats.form if insats else None,
            "dokumentationsregel": insats.dokumentationsregel if insats else None,
            **tolka_matt(matt),
            "varde": varde,
            "status": STATUS[Publiceringspost.Status(status)],
        }


def som_json(katalog: Katalog) -> dict[str, Any]:
    return {
        "version": VERSION,
        "kommunkod": katalog.kommunen.kod or "",
        "kommun": katalog.kommunen.namn,
        "skapad": timezone.now().isoformat(timespec="seconds"),
        "poster": list(poster(katalog)),
    }


def som_csv(katalog: Katalog) -> Iterator[str]:
    """RFC 4180: comma-separated, a header row, UTF-8, a point for decimals, an empty field
    for no value; row by row, as a municipality has many cells."""
    buffert = io.StringIO()
    skrivare = csv.writer(buffert, lineterminator="\r\n")

    def rad(varden: list[Any]) -> str:
        buffert.seek(0)
        buffert.truncate()
        skrivare.writerow(["" if v is None else v for v in varden])
        return buffert.getvalue()

    yield rad(FALT)
    for p in poster(katalog):
        # Text a spreadsheet would run as a formula (an insats's name): grund.kalkyl.
        yield rad([kalkylsaker(p[f]) for f in FALT])
