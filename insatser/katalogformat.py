"""The interchange format's two versions and the mapping between a file and the models
(DESIGN.md §6): what each key of a file means in the register, read and written in one place.
Validation and the import's effects are in insatser.katalogfil.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from insatser import historik
from insatser.models import Insats, Katalog, Villkor
from insatser.regler import foreslaget_slag

SCHEMA_FIL = Path(__file__).with_name("katalog.schema.json")
SCHEMA_FIL_V2 = Path(__file__).with_name("katalog.v2.schema.json")
VERSIONER = (1, 2)

# Interchange key -> model field, for the parts that map one to one.
INSATSFALT = {
    "namn": "namn",
    "omrade": "omrade",
    "innehall": "innehall",
    "metod": "metod",
    "malgrupp": "malgrupp",
    "villkor_text": "villkor_text",
    "omfattning": "omfattning",
    "max_tillfallen": "max_tillfallen",
    "form": "form",
    "utforare": "utforare_text",
    "uppfoljning": "uppfoljning",
    "utan_vardnadshavares_samtycke_fran_15": "utan_samtycke_fran_15",
    "anmarkning": "anmarkning",
}
DOKUMENTATIONSFALT = {
    "regel": "dokumentationsregel",
    "motivering": "dokumentation_motivering",
    "verksamhetssystem": "verksamhetssystem",
}
# Per villkor type: interchange key -> model field. Every key is exported (null when empty),
# except "avser", which the schema does not allow to be null and is left out when not stated.
VILLKORSNYCKLAR: dict[str, dict[str, str]] = {
    "alder": {"min": "min_alder", "max": "max_alder", "avser": "avser"},
    "folkbokford": {"kommun": "kommun", "avser": "avser"},
    "vardnadshavares_samtycke": {"under_alder": "under_alder", "antal": "antal"},
    "gemensam_begaran": {},
    "inskriven_skola": {"kommun": "kommun", "skolform": "skolform"},
    "intyg": {"vad": "text"},
    "ovrigt": {"text": "text"},
}
HUVUDFALT = ("namnd", "beslutsdatum", "diarienummer", "galler_fran", "allmanna_villkor", "kalla")

# Version 2: what the guidelines state beyond version 1. Interchange key -> model field.
INSATSFALT_V2 = {
    **{n: m for n, m in INSATSFALT.items() if n not in ("utforare", "uppfoljning")},
    "slag": "slag",
    "max_varaktighet_manader": "max_varaktighet_manader",
    "gruppstorlek_min": "gruppstorlek_min",
    "gruppstorlek_max": "gruppstorlek_max",
    "plats": "plats",
    "tider": "tider",
    "avgift": "avgift",
    "sprak": "sprak",
    "delar": "delar",
    "uppfoljningsmetod": "uppfoljningsmetod",
    "uppfoljning": "uppfoljning",
}
LISTFALT = ("villkor_text", "sprak", "delar")
KANALER = {"telefon": "kanal_telefon", "digitalt": "kanal_digitalt", "pa_plats": "kanal_pa_plats"}
KONTAKTFALT = {
    "telefon": "kontakt_telefon",
    "epost": "kontakt_epost",
    "adress": "kontakt_adress",
    "webbplats": "kontakt_webbplats",
    "text": "kontakt_text",
}
UTFORARFALT = ("namn", "regi", "organisationsnummer")
VILLKORSNYCKLAR_V2 = {**VILLKORSNYCKLAR, "utan_medfoljande_barn": {}}
# The catalogue's 21 kap. 2 § decision for all its insatser (version 2 only).
HUVUDFALT_V2 = {"utan_vardnadshavares_samtycke_fran_15": "utan_samtycke_fran_15"}
# Version 1 has no villkor type for "without accompanying children" (skyddat boende for adults,
# 11 kap. 5 §): it is written as "ovrigt" with this text, and read back from it.
UTAN_BARN_TEXT = "Utan medföljande barn"


@dataclass
class Post:
    """One insats of the file, read: its model fields, villkor and (version 2) the utförare
    it names."""

    falt: dict[str, Any]
    villkor: list[Villkor]
    utforare: dict[str, Any] | None = None
    version: int = 1
    slag_angivet: bool = False  # the file states the kind (version 2)


def formatversion(data: Any) -> int | None:
    """The file's version: what it says (1 or 2), 1 without the key, None for anything else."""
    if not isinstance(data, dict) or "version" not in data:
        return 1
    varde = data["version"]
    return varde if type(varde) is int and varde in VERSIONER else None


def _villkor_fran_fil(post: dict[str, Any], version: int) -> list[Villkor]:
    villkor = []
    nycklar = VILLKORSNYCKLAR_V2 if version == 2 else VILLKORSNYCKLAR
    for v in post.get("villkor", []):
        if (
            version == 1
            and v["typ"] == "ovrigt"
            and (v.get("text") or "").strip().lower() == UTAN_BARN_TEXT.lower()
        ):
            villkor.append(Villkor(typ=Villkor.Typ.UTAN_MEDFOLJANDE_BARN))
            continue
        villkor.append(
            Villkor(
                typ=v["typ"],
                **{modell: v.get(nyckel) for nyckel, modell in nycklar[v["typ"]].items()},
            )
        )
    return villkor


def insats_fran_fil(post: dict[str, Any], version: int = 1) -> Post:
    falt_karta = INSATSFALT_V2 if version == 2 else INSATSFALT
    falt = {modell: post.get(nyckel) for nyckel, modell in falt_karta.items()}
    for lista in LISTFALT:
        if lista in falt:
            falt[lista] = post.get(lista, [])
    falt |= {
        modell: post["dokumentation"].get(nyckel) for nyckel, modell in DOKUMENTATIONSFALT.items()
    }
    utforare = None
    if version == 2:
        kanaler = post.get("kanaler", [])
        falt |= {modell: nyckel in kanaler for nyckel, modell in KANALER.items()}
        kontakt = post.get("kontakt") or {}
        falt |= {modell: kontakt.get(nyckel) for nyckel, modell in KONTAKTFALT.items()}
        if post.get("utforare") is not None:
            utforare = {n: post["utforare"].get(n) for n in UTFORARFALT}
        falt["utforare_text"] = utforare["namn"] if utforare else None
    slag_angivet = bool(falt.get("slag"))
    if not slag_angivet:
        # Version 1 carries no kind, and version 2 may leave it out: the words propose one,
        # and the secretary confirms it.
        falt["slag"] = foreslaget_slag(falt["namn"], falt["metod"], falt["innehall"]) or ""
    return Post(falt, _villkor_fran_fil(post, version), utforare, version, slag_angivet)


def _villkor_till_fil(v: Villkor, version: int) -> dict[str, Any]:
    if v.typ == Villkor.Typ.UTAN_MEDFOLJANDE_BARN and version == 1:
        return {"typ": "ovrigt", "text": UTAN_BARN_TEXT}
    ut: dict[str, Any] = {"typ": v.typ}
    for nyckel, modell in VILLKORSNYCKLAR_V2[v.typ].items():
        varde = getattr(v, modell)
        if nyckel != "avser" or varde is not None:
            ut[nyckel] = varde
    return ut


def exportera_insats(
    insats: Insats, villkor: list[Villkor] | None = None, *, version: int = 1
) -> dict[str, Any]:
    falt_karta = INSATSFALT_V2 if version == 2 else INSATSFALT
    post: dict[str, Any] = {
        nyckel: getattr(insats, modell) for nyckel, modell in falt_karta.items()
    }
    if version == 2:
        post["slag"] = insats.slag or None
        post["kanaler"] = [n for n, modell in KANALER.items() if getattr(insats, modell)]
        kontakt = {n: getattr(insats, modell) for n, modell in KONTAKTFALT.items()}
        post["kontakt"] = kontakt if any(v is not None for v in kontakt.values()) else None
        post["utforare"] = _utforare_till_fil(insats)
    post["dokumentation"] = {
        nyckel: getattr(insats, modell) for nyckel, modell in DOKUMENTATIONSFALT.items()
    }
    post["villkor"] = [
        _villkor_till_fil(v, version)
        for v in (villkor if villkor is not None else insats.villkor.all())
    ]
    return post


def _utforare_till_fil(insats: Insats) -> dict[str, Any] | None:
    """The file's name for the utförare (as the guideline writes it) and the register's
    facts about the one it is linked to. A version 1 file may give the utförare as an empty
    text, which version 2 cannot carry (its `namn` is never empty): that is no utförare."""
    if not insats.utforare_text and insats.utforare is None:
        return None
    u = insats.utforare
    return {
        "namn": insats.utforare_text or (u and u.namn),
        "regi": u.regi if u else None,
        "organisationsnummer": u.organisationsnummer if u else None,
    }


def exportera_katalog(
    katalog: Katalog, *, version: int = 2, datum: datetime.date | None = None
) -> dict[str, Any]:
    """The catalogue as the nämnd keeps it now: decided insatser and drafts, not retired ones.
    With `datum`, the catalogue as the nämnd's decisions make it on that day (insatser.historik;
    a later day includes what is decided for it and still waits), decided insatser only.
    Version 2 unless asked for 1 (which leaves out what only version 2 carries)."""
    huvud = katalog if datum is None else historik.katalog_som_beslutad(katalog, datum)
    data: dict[str, Any] = {"version": 2} if version == 2 else {}
    data["kommun"] = katalog.kommun
    for nyckel in HUVUDFALT:
        varde = getattr(huvud, nyckel)
        data[nyckel] = varde.isoformat() if isinstance(varde, datetime.date) else varde
    if version == 2:
        data |= {nyckel: getattr(huvud, modell) for nyckel, modell in HUVUDFALT_V2.items()}
    if datum is not None:
        data["insatser"] = [
            exportera_insats(v.insats, v.villkor, version=version)
            for v in historik.katalog_per_datum(katalog, datum)
        ]
        return data
    insatser = (
        katalog.insatser.gallande()
        .select_related("utforare")
        .prefetch_related("villkor")
        .order_by("ordning", "id")
    )
    data["insatser"] = [exportera_insats(i, version=version) for i in insatser]
    return data


def som_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
