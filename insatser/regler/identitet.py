"""14 kap. 3–5 §§ and the public catalogue: which documentation rule identifies no one, the
special reasons an exemption needs, the rule locked once an insats has records, and texts in
the catalogue that must not point anyone out."""

from __future__ import annotations

from identitetsskydd.granskning import granska, personnummer_i
from insatser.regler.begrepp import SOL_14_3_5, SOL_14_5, Overtradelse


def sol_14_kap_4_5_utan_identitet(dokumentationsregel: str) -> bool:
    """14 kap. 4–5 §§: an insats under 14:4, 14:5 or both documents no one's identity; only
    14 kap. 3 § documents in full."""
    return dokumentationsregel != "14:3"


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


def sol_14_kap_3_5_regeln_last(
    *, andras: bool, har_registreringar: bool, i_forvag: bool = False
) -> list[Overtradelse]:
    """14 kap. 3–5 §§: records are made under the documentation rule the nämnd chose, and
    keep it. Once an insats has records its rule (and whether it is documented in an external
    case system) cannot change: a new rule is a new insats under a new board decision. Nor
    can a decided insats's rule change from a later day (`i_forvag`): it may get records
    before then."""
    if andras and i_forvag:
        return [
            Overtradelse(
                kod="regeln_last",
                meddelande="Dokumentationsregeln kan inte ändras från en senare dag: insatsen "
                "kan få registreringar innan dess. En ny regel kräver ett nytt beslut och en ny "
                "insats (14 kap. 3–5 §§ SoL).",
                regel=SOL_14_3_5,
                falt="dokumentationsregel",
            )
        ]
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


_PERSONNUMMERKODER = ("personnummer", "samordningsnummer")


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


def malgrupp_utan_identitet(text: str | None) -> list[Overtradelse]:
    """The target group describes who an insats is for, in a public catalogue: it may not
    point out a person (a name, an address, a school class, a rare combination – what the
    identity guard finds in a record). A personnummer is named by katalogtext_utan_personnummer
    already."""
    return [
        Overtradelse(
            kod="malgrupp_identitet",
            meddelande=f"Målgruppen verkar innehålla {f.vad} ({f.kortat}). Katalogen är "
            "offentlig: beskriv vilka insatsen är till för så att ingen enskild person kan pekas "
            "ut, till exempel ”barn 7–12 år som har förlorat en förälder”.",
            regel="",
            falt="malgrupp",
        )
        for f in [f for f in granska(text or "") if f.kod not in _PERSONNUMMERKODER][:1]
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
