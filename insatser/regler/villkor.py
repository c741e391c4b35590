"""11 kap. 5 § and 21 kap. 2 §: the villkor an insats states must be simple, objective and
agree with each other; young people from 15 without guardians' consent; and the group size
the nämnd decides, which a round keeps to."""

from __future__ import annotations

from collections.abc import Sequence

from insatser.regler.begrepp import HOGSTA_ALDER, SOL_11_5, Overtradelse, VillkorLike


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


def sol_21_kap_2_utan_samtycke_fran_15(*, katalogen: bool, insatsen: bool | None) -> bool:
    """21 kap. 2 §: the nämnd may decide that young people from 15 may take part without their
    guardians' consent – for the whole catalogue, with exceptions per insats either way."""
    return katalogen if insatsen is None else insatsen


def gruppstorlek_fel(
    *, minst: int | None, hogst: int | None, falt: str = "gruppstorlek_max"
) -> list[Overtradelse]:
    """A group size – an insats's as the nämnd decides it, a round's within it – names its
    most never below its least. One rule for the secretary's form, the services, the import
    and the round (dokumentation.regler.gruppstorlek_fel); `falt` is the field of the most."""
    if minst is None or hogst is None or minst <= hogst:
        return []
    return [
        Overtradelse(
            kod="gruppstorlek",
            meddelande="Högsta antal kan inte vara lägre än minsta antal.",
            regel="",
            falt=falt,
        )
    ]
