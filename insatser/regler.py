"""The catalogue's legal rules, each a pure function named after its paragraph.

A rule takes plain values and returns a list of violations; it never raises and never touches
the database or the request. The same functions run in the forms (so the secretary sees the
error next to the field) and in the services that write (so import, admin and commands cannot
skip them). Paragraphs refer to socialtjänstlagen (2025:400).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from identitetsskydd.granskning import granska, personnummer_i

SOL_11_5 = "11 kap. 5 § SoL"
SOL_14_5 = "14 kap. 5 § SoL"
SOL_14_3_5 = "14 kap. 3–5 §§ SoL"

HOGSTA_ALDER = 120


@dataclass(frozen=True)
class Overtradelse:
    """One broken rule: a stable code for tests and programs, a Swedish message for people."""

    kod: str
    meddelande: str
    regel: str
    falt: str | None = None
    nr: int | None = None  # which item of a list (1-based), for rules over lists


class VillkorLike(Protocol):
    typ: str
    avser: str | None
    min_alder: int | None
    max_alder: int | None
    kommun: str | None
    under_alder: int | None
    antal: str | None
    skolform: str | None
    text: str | None


# 11 kap. 5 § lists what can never be given without individual needs assessment. Matched on
# the insats's name and method as whole words, so "Boendestöd" or "Budgetrådgivning" pass.
_ALDRIG_IUB: tuple[tuple[str, str], ...] = (
    (r"kvalificerad\w* kontaktperson\w*|kontaktperson\w*", "kontaktperson"),
    (r"kontaktfamilj\w*", "kontaktfamilj"),
    (r"familjehem\w*", "vård i familjehem"),
    (r"lvm[- ]?hem\w*|lvm", "vård i LVM-hem"),
    (r"särskil\w* ungdomshem\w*|sis[- ]?hem\w*", "vård i särskilda ungdomshem"),
    (r"jourhem\w*", "vård i jourhem"),
    (r"stödboende\w*", "vård i stödboende"),
    (r"skyddat? boende\w*", "vård i skyddat boende"),
    (r"hem för vård eller boende|hvb(?:-hem)?", "vård i hem för vård eller boende"),
    (
        r"särskil\w* boende\w*|äldreboende\w*|gruppbostad\w*|servicebostad\w*",
        "bostad i särskilt boende",
    ),
    (r"heldygnsvård\w*", "vård i hem för viss annan heldygnsvård"),
    (
        r"ekonomisk\w* bistånd\w*|försörjningsstöd\w*|ekonomisk\w* stöd\w*|ekonomisk\w* hjälp\w*",
        "insatser för ekonomiska behov",
    ),
)


def sol_14_kap_4_5_utan_identitet(dokumentationsregel: str) -> bool:
    """14 kap. 4–5 §§: an insats under 14:4, 14:5 or both documents no one's identity; only
    14 kap. 3 § documents in full."""
    return dokumentationsregel != "14:3"


def sol_11_kap_5_insats_som_aldrig_far_vara_iub(
    *, namn: str, metod: str | None = None
) -> list[Overtradelse]:
    """11 kap. 5 §: some insatser can never be given without individual needs assessment."""
    text = f"{namn} {metod or ''}".lower()
    for monster, vad in _ALDRIG_IUB:
        if re.search(rf"(?<!\w)(?:{monster})(?!\w)", text):
            return [
                Overtradelse(
                    kod="aldrig_iub",
                    meddelande=(
                        f"”{namn}” kan inte ges utan individuell behovsprövning: {vad} är "
                        f"undantaget enligt {SOL_11_5}."
                    ),
                    regel=SOL_11_5,
                    falt="namn",
                )
            ]
    return []


def sol_14_kap_5_sarskilda_skal(
    *, dokumentationsregel: str, motivering: str | None
) -> list[Overtradelse]:
    """14 kap. 5 §: an identity exemption is decided for special reasons, stated in the decision."""
    if "14:5" in dokumentationsregel and not (motivering or "").strip():
        return [
            Overtradelse(
                kod="sarskilda_skal_saknas",
                meddelande=(
                    f"Undantag enligt {SOL_14_5} kräver att de särskilda skälen anges i beslutet."
                ),
                regel=SOL_14_5,
                falt="dokumentation_motivering",
            )
        ]
    return []


def sol_11_kap_5_villkor(villkor: Sequence[VillkorLike]) -> list[Overtradelse]:
    """11 kap. 5 §: villkor are simple, objective and checkable, so they must agree with
    themselves and with each other. Each violation names the villkor by its position (1-based)."""
    fel: list[Overtradelse] = []

    def fel_i(nr: int, kod: str, meddelande: str, falt: str | None = None) -> None:
        fel.append(Overtradelse(kod=kod, meddelande=meddelande, regel=SOL_11_5, falt=falt, nr=nr))

    aldersvillkor_per_person: dict[str, int] = {}
    samtycke_aldrar: set[int | None] = set()
    for nr, v in enumerate(villkor, start=1):
        if v.typ == "alder":
            if v.min_alder is None and v.max_alder is None:
                fel_i(nr, "alder_utan_granser", "Ange lägsta eller högsta ålder.", "min_alder")
            for falt, varde in (("min_alder", v.min_alder), ("max_alder", v.max_alder)):
                if varde is not None and not 0 <= varde <= HOGSTA_ALDER:
                    fel_i(
                        nr,
                        "alder_utanfor_intervall",
                        f"En ålder ska vara mellan 0 och {HOGSTA_ALDER} år.",
                        falt,
                    )
            if v.min_alder is not None and v.max_alder is not None and v.min_alder > v.max_alder:
                fel_i(
                    nr,
                    "alder_min_over_max",
                    "Lägsta ålder kan inte vara högre än högsta ålder.",
                    "max_alder",
                )
            vem = v.avser or "deltagaren"
            if vem in aldersvillkor_per_person:
                fel_i(
                    nr,
                    "alder_dubbel",
                    f"Det finns redan ett åldersvillkor för {vem} "
                    f"(villkor {aldersvillkor_per_person[vem]}).",
                    "typ",
                )
            else:
                aldersvillkor_per_person[vem] = nr
        elif v.typ == "vardnadshavares_samtycke":
            if v.under_alder is not None and not 0 < v.under_alder <= 18:
                fel_i(
                    nr,
                    "samtycke_alder_ogiltig",
                    "Samtycke kan bara krävas för barn, alltså under en ålder från 1 till 18 år.",
                    "under_alder",
                )
            if v.under_alder in samtycke_aldrar:
                fel_i(
                    nr,
                    "samtycke_dubbel",
                    "Det finns redan ett samtyckesvillkor för samma ålder.",
                    "under_alder",
                )
            samtycke_aldrar.add(v.under_alder)
        elif v.typ in ("intyg", "ovrigt") and not (v.text or "").strip():
            fel_i(nr, "text_saknas", "Beskriv villkoret.", "text")
        if v.typ not in ("alder", "folkbokford") and v.avser not in (None, "deltagaren"):
            # Only age and folkbokföring can concern the child in the interchange format.
            fel_i(
                nr,
                "avser_ej_tillampligt",
                "Bara ålder och folkbokföring kan gälla barnet.",
                "avser",
            )
    return fel


def sol_11_kap_5_beslut_kravs_for_andring(*, status: str, har_beslut: bool) -> list[Overtradelse]:
    """11 kap. 5 §: only the nämnd decides what is IUB, so a decided insats changes only under
    a recorded board decision."""
    if status != "utkast" and not har_beslut:
        return [
            Overtradelse(
                kod="beslut_kravs",
                meddelande=(
                    "Insatsen är beslutad av nämnden och kan bara ändras genom ett registrerat "
                    f"nämndbeslut ({SOL_11_5})."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    return []


def katalogtext_utan_personnummer(text: str | None) -> list[Overtradelse]:
    """The catalogue is public: it may carry the unit's own contact details in the fields
    meant for them, but never a personnummer or samordningsnummer (the identity guard's
    checksum and date, so an organisation number passes)."""
    return [
        Overtradelse(
            kod="katalog_personnummer",
            meddelande=f"Texten verkar innehålla {f.vad} ({f.kortat}). Katalogen är offentlig "
            "och får inte innehålla personnummer eller samordningsnummer.",
            regel="",
        )
        for f in personnummer_i(text or "")[:1]
    ]


def sol_14_kap_3_5_regeln_last(*, andras: bool, har_registreringar: bool) -> list[Overtradelse]:
    """14 kap. 3–5 §§: records are made under the documentation rule the nämnd chose, and
    keep it. Once an insats has records its rule (and whether it is documented in an external
    case system) cannot change: a new rule is a new insats under a new board decision."""
    if not (andras and har_registreringar):
        return []
    return [
        Overtradelse(
            kod="regeln_last",
            meddelande="Dokumentationsregeln kan inte ändras när insatsen redan har "
            "registreringar. En ny regel kräver ett nytt beslut och en ny insats; det som är "
            "registrerat behåller sin regel (14 kap. 3–5 §§ SoL).",
            regel=SOL_14_3_5,
            falt="dokumentationsregel",
        )
    ]


def verksamhetssystem_utan_identitet(namn: str | None) -> list[Overtradelse]:
    """The case system's name is copied into every participation (it decides which rule the
    record keeps): it names a system, and the identity guard reads it like a record's text."""
    return [
        Overtradelse(
            kod="verksamhetssystem_identitet",
            meddelande=f"Verksamhetssystemets namn verkar innehålla {f.vad} ({f.kortat}). Ange "
            "bara systemets namn; det skrivs in i varje deltagande (14 kap. 4–5 §§ SoL).",
            regel="14 kap. 4–5 §§ SoL",
            falt="verksamhetssystem",
        )
        for f in granska(namn or "")[:1]
    ]
