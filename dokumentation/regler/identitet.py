"""14 kap. 3–5 §§ SoL: who may be identified, and that records without identity hold
nothing that reveals who the person is."""

from __future__ import annotations

from dokumentation.regler.begrepp import SOL_14_3, SOL_14_4_5
from identitetsskydd.granskning import granska
from insatser.regler import Overtradelse, sol_14_kap_4_5_utan_identitet


def sol_14_kap_3_identifieras(*, dokumentationsregel: str, verksamhetssystem: str | None) -> bool:
    """14 kap. 3–5 §§: only a 14:3 insats documented in this system holds who the person is.
    14:4 and 14:5 (and both) hold no identity; a 14:3 insats documented in an external case
    system records only participation and sessions here."""
    return (
        not sol_14_kap_4_5_utan_identitet(dokumentationsregel)
        and not (verksamhetssystem or "").strip()
    )


def sol_14_kap_4_5_fritext(text: str, *, falt: str) -> list[Overtradelse]:
    """14 kap. 4–5 §§: a record without identity holds nothing that can reveal who the person
    is. Free text is read by the identity guard (identitetsskydd.granskning: personnummer,
    samordningsnummer, phone numbers, e-mail, addresses and personal names) before anything
    is saved; the database refuses the same patterns."""
    return [
        Overtradelse(
            kod=f"fritext_{f.kod}",
            meddelande=(
                f"Texten verkar innehålla {f.vad} ({f.kortat}). Anonyma uppgifter får inte "
                f"innehålla något som kan röja vem personen är ({SOL_14_4_5}); ta bort det."
            ),
            regel=SOL_14_4_5,
            falt=falt,
        )
        for f in granska(text)
    ]


def sol_14_kap_4_5_fritexter(texter: dict[str, str], *, identifierad: bool) -> list[Overtradelse]:
    """14 kap. 4–5 §§ for the free texts of one record: read by the identity guard unless the
    record is identified (14 kap. 3 §), where they are part of the person's documentation."""
    if identifierad:
        return []
    return [o for falt, text in texter.items() for o in sol_14_kap_4_5_fritext(text, falt=falt)]


def sol_14_kap_3_5_identitet(
    *, identifieras: bool, har_person: bool, deltar: bool
) -> list[Overtradelse]:
    """14 kap. 3–5 §§ at registration: a name and personnummer only where the insats is
    documented in full here, and there they are required of everyone who takes part."""
    if har_person and not identifieras:
        return [
            Overtradelse(
                kod="identitet_ej_tillaten",
                falt=None,
                regel=SOL_14_4_5,
                meddelande="Insatsen dokumenteras utan identitet: namn och personnummer får inte "
                "registreras.",
            )
        ]
    if not har_person and identifieras and deltar:
        return [
            Overtradelse(
                kod="identitet_saknas",
                falt="personnummer",
                regel=SOL_14_3,
                meddelande="Insatsen dokumenteras fullt ut (14 kap. 3 §): ange personnummer och "
                "namn.",
            )
        ]
    return []
