"""What the JSON Schema lets through but the register cannot hold or the law refuses: NUL and
invisible characters, personnummer, texts and numbers too large for their field, names
without letters, dates outside the register's range or a decision in the future, and another
municipality's catalogue."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import QuerySet

from grund.tid import idag
from insatser.katalogformat import (
    DOKUMENTATIONSFALT,
    INSATSFALT,
    KONTAKTFALT,
)
from insatser.models import Insats, Katalog, Villkor
from insatser.regler import (
    katalogtext_utan_personnummer,
    sol_11_kap_5_beslutsdatum,
)
from organisation.indata import FORSTA_DAG, SISTA_DAG, STYRTECKEN, osynliga_eller_liknande
from organisation.models import Kommun, Utforare, kommunens_namn

SURROGAT = re.compile("[\ud800-\udfff]")


def for_langt_eller_nul(varde: Any, stig: str) -> list[str]:
    """What the schema allows but the register cannot store: NUL characters anywhere, a
    personnummer or samordningsnummer in any text, and texts longer than their field."""
    fel: list[str] = []
    if isinstance(varde, str) and "\x00" in varde:
        fel.append(f"{stig}: texten innehåller ett otillåtet tecken (NUL).")
    elif isinstance(varde, str) and SURROGAT.search(varde):
        fel.append(f"{stig}: texten innehåller ett ogiltigt tecken (ett ensamt surrogattecken).")
    elif isinstance(varde, str) and STYRTECKEN.search(varde):
        fel.append(f"{stig}: texten innehåller osynliga tecken som vänder textens riktning.")
    elif isinstance(varde, str) and (osynligt := osynliga_eller_liknande(varde)):
        fel.append(f"{stig}: {osynligt[0].lower()}{osynligt[1:]}")
    elif isinstance(varde, str):
        fel += [f"{stig}: {o.meddelande}" for o in katalogtext_utan_personnummer(varde)]
    elif isinstance(varde, list):
        for nr, del_ in enumerate(varde):
            fel += for_langt_eller_nul(del_, f"{stig}[{nr}]")
    elif isinstance(varde, dict):
        for nyckel, del_ in varde.items():
            if SURROGAT.search(nyckel) or "\x00" in nyckel:
                fel.append(f"{stig}: en nyckel innehåller ett ogiltigt tecken.")
                continue
            if stig.endswith(".utforare") and nyckel == "organisationsnummer":
                continue  # checked by the schema; a company's number is not a personnummer
            fel += for_langt_eller_nul(del_, f"{stig}.{nyckel}")
            grans = _MAXLANGD.get(_faltnamn(stig, nyckel))
            if isinstance(del_, str) and grans and len(del_) > grans:
                fel.append(
                    f"{stig}.{nyckel}: texten är för lång ({len(del_)} tecken, högst {grans})."
                )
            hogst = _HOGSTA.get(_faltnamn(stig, nyckel))
            if _tal(del_) and hogst is not None and del_ > hogst:
                fel.append(f"{stig}.{nyckel}: talet är för stort (högst {hogst}).")
    return fel


def _faltnamn(stig: str, nyckel: str) -> str:
    if stig == "$":
        return f"katalog.{nyckel}"
    if stig.endswith("]") and ".villkor[" in stig:
        return f"villkor.{nyckel}"
    if stig.endswith(".dokumentation"):
        return f"insats.{DOKUMENTATIONSFALT.get(nyckel, nyckel)}"
    if stig.endswith(".kontakt"):
        return f"insats.{KONTAKTFALT.get(nyckel, nyckel)}"
    if stig.endswith(".utforare"):
        return f"utforare.{nyckel}"
    return f"insats.{INSATSFALT.get(nyckel, nyckel)}"


def _tal(varde: Any) -> bool:
    return isinstance(varde, int | float) and not isinstance(varde, bool)


# The largest number each integer field holds (JSON Schema's integers have no bound, and 5.0
# is one): a file with more is refused at its path instead of failing in the database.
_HOGSTA: dict[str, int] = {
    f"{namn}.{f.name}": hogst
    for namn, modell in (("katalog", Katalog), ("insats", Insats), ("villkor", Villkor))
    for f in modell._meta.fields
    if (hogst := BaseDatabaseOperations.integer_field_ranges.get(f.get_internal_type(), (0,))[-1])
}
# Villkor are numbered in their insats (Villkor.ordning).
HOGST_ANTAL_VILLKOR: int = BaseDatabaseOperations.integer_field_ranges[
    Villkor._meta.get_field("ordning").get_internal_type()
][1]

_MAXLANGD: dict[str, int] = {
    f"{namn}.{f.name}": f.max_length
    for namn, modell in (
        ("katalog", Katalog),
        ("insats", Insats),
        ("villkor", Villkor),
        ("utforare", Utforare),
    )
    for f in modell._meta.fields
    if isinstance(f, models.CharField) and f.max_length and f.name != "slug"
}


# ---------------------------------------------------------------- mapping


def tolka_datum(varde: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(varde) if varde else None


def utan_bokstaver(data: dict[str, Any], hela: set[int]) -> list[str]:
    """The municipality and each insats are known by their names (the catalogue's address,
    the insats's identity between imports): a name of only spaces or punctuation names
    nothing, though the schema's minLength lets it through."""
    stigar = [("$.kommun", data.get("kommun"))] + [
        (f"$.insatser[{nr}].namn", data["insatser"][nr].get("namn")) for nr in sorted(hela)
    ]
    return [
        f"{stig}: namnet måste innehålla bokstäver eller siffror."
        for stig, namn in stigar
        if isinstance(namn, str) and not any(t.isalnum() for t in namn)
    ]


def datumen(data: dict[str, Any]) -> list[str]:
    """The file's dates, as the register takes dates anywhere (2000–2100), and its
    beslutsdatum a decision already made (sol_11_kap_5_beslutsdatum, 11 kap. 5 §); what the
    decision decides for a later day is its galler_fran."""
    fel: list[str] = []
    for nyckel in ("beslutsdatum", "galler_fran"):
        try:
            dag = datetime.date.fromisoformat(data.get(nyckel) or "")
        except (TypeError, ValueError):
            continue  # left out, or the schema's date format names it
        if not FORSTA_DAG <= dag <= SISTA_DAG:
            fel.append(
                f"$.{nyckel}: ange ett datum mellan {FORSTA_DAG.isoformat()} och "
                f"{SISTA_DAG.isoformat()}."
            )
        elif nyckel == "beslutsdatum":
            fel += [
                f"$.beslutsdatum: {o.meddelande} Nämnden har inte beslutat katalogen ännu "
                f"({dag.isoformat()}); importera filen när beslutet är fattat. Gäller beslutet "
                "från en senare dag än beslutsdatum skrivs den dagen i galler_fran."
                for o in sol_11_kap_5_beslutsdatum(datum=dag, idag=idag())
            ]
    return fel


def egen_kommun(data: dict[str, Any], kommuner: QuerySet[Kommun] | None) -> list[str]:
    """A nämndsekreterare imports only their own municipality's catalogue."""
    if kommuner is None or kommuner.filter(namn=data.get("kommun")).exists():
        return []
    kommun = str(data.get("kommun"))
    for egen in kommuner:
        # "Härnösands kommun" for Härnösand, or the name with other spaces or case: the
        # secretary's own municipality, written otherwise than the register has it.
        if kommunens_namn(" ".join(kommun.split())).casefold() == str(egen).casefold():
            return [
                f"$.kommun: skriv kommunens namn som registret har det, ”{egen.namn}” (filen "
                f"skriver ”{kommun}”)."
            ]
    egna = ", ".join(str(k) for k in kommuner) or "ingen kommun"
    return [
        f"$.kommun: filen är katalogen för {kommunens_namn(str(data.get('kommun')))}, men du är "
        f"nämndsekreterare för {egna}. Be en nämndsekreterare där att importera den."
    ]


def kommunen_finns_redan(data: dict[str, Any]) -> list[str]:
    """Another catalogue whose municipality differs only in case, spaces or punctuation is
    the same municipality misspelt: say so instead of starting a second catalogue. Names that
    differ in a letter (Håbo and Habo) are two municipalities, each with its own address."""
    kommun = data.get("kommun")
    if not isinstance(kommun, str):
        return []

    def jamforbart(namn: str) -> str:
        return "".join(t for t in namn.casefold() if t.isalnum())

    kataloger = list(Katalog.objects.exclude(kommun=kommun).only("kommun"))
    annan = next((k for k in kataloger if jamforbart(k.kommun) == jamforbart(kommun)), None)
    if annan is None:
        # "Härnösands kommun" for the catalogue of Härnösand: the name as pages write it.
        annan = next(
            (
                k
                for k in kataloger
                if jamforbart(kommunens_namn(k.kommun)) == jamforbart(kommunens_namn(kommun))
            ),
            None,
        )
        if annan is not None:
            return [
                f"$.kommun: skriv kommunens namn som registret har det, ”{annan.kommun}” (filen "
                f"skriver ”{kommun}”)."
            ]
    if annan is None:
        return []
    return [
        f"$.kommun: ”{kommun}” skiljer sig bara i stora och små bokstäver, mellanslag eller "
        f"skiljetecken från katalogen för ”{annan.kommun}”. Skriv kommunens namn som där."
    ]
