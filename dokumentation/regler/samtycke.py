"""21 kap. 2 § SoL: a child's age, the guardians' consent, and a young person's own wish."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dokumentation.regler.begrepp import SOL_21_2
from insatser.regler import Overtradelse, VillkorLike


@dataclass(frozen=True)
class Samtyckeskrav:
    """A consent villkor of the catalogue: consent needed while younger than under_alder."""

    under_alder: int | None
    antal: str | None


_SAMTYCKESNIVA = {"ingen": 0, "en": 1, "alla": 2}
_KRAVNIVA = {"en": 1, "bada": 2, "samtliga": 2, None: 1}


def samtycke_kravs(*, alder: int | None, utan_samtycke_fran_15: bool | None) -> bool:
    """21 kap. 2 §: a child's guardians consent, unless the nämnd has decided for the insats
    that it may be given from 15 without it."""
    if alder is None or alder >= 18:
        return False
    return not (alder >= 15 and utan_samtycke_fran_15)


def sol_21_kap_2_alder_kravs(
    *, alder: int | None, villkor: Sequence[VillkorLike], unga_utan_samtycke: bool, deltar: bool
) -> list[Overtradelse]:
    """21 kap. 2 § and 11 kap. 5 §: whoever takes part gives their age where anything depends
    on it – an age villkor, a guardian's consent, the nämnd's decision for young people from
    15 – so that no check is skipped for want of it."""
    beror = unga_utan_samtycke or any(
        (v.typ == "alder" and (v.avser or "deltagaren") == "deltagaren")
        or v.typ == "vardnadshavares_samtycke"
        for v in villkor
    )
    if alder is None and deltar and beror:
        return [
            Overtradelse(
                kod="alder_kravs",
                regel=SOL_21_2,
                falt="alder",
                meddelande="Ange ålder eller födelseår: villkoren eller samtycket för barn "
                "beror på den.",
            )
        ]
    return []


def sol_21_kap_2_fragor(
    villkor: Sequence[VillkorLike], *, unga_utan_samtycke: bool
) -> tuple[bool, bool]:
    """21 kap. 2 § at the contact: which questions about children the form asks – a guardian's
    consent, and whether a young person of 15–17 wants it themselves – given the ages the
    catalogue's villkor let take part. An insats only for adults asks neither; one the nämnd
    opened from 15 without consent asks for consent only if someone under 15 can take
    part."""
    lagst, hogst = 0, 120
    for v in villkor:
        if v.typ == "alder" and (v.avser or "deltagaren") == "deltagaren":
            lagst = max(lagst, v.min_alder or 0)
            hogst = min(hogst, 120 if v.max_alder is None else v.max_alder)
    samtycke = lagst <= min(hogst, 14 if unga_utan_samtycke else 17)
    unga = max(lagst, 15) <= min(hogst, 17)
    return samtycke, unga


def sol_21_kap_2_samtycke(
    *,
    alder: int | None,
    krav: Sequence[Samtyckeskrav],
    utan_samtycke_fran_15: bool | None,
    samtycke: str | None,
    unga_vill: bool,
) -> list[Overtradelse]:
    """21 kap. 2 §: under 15, the consent the catalogue demands (one or all guardians) is
    recorded before starting. From 15 on an insats the nämnd marked, no consent is asked and
    nothing about guardians is stored, and the young person must want it. Otherwise consent
    is required until 18."""
    if alder is not None and alder < 18 and not unga_vill and alder >= 15:
        return [
            Overtradelse(
                kod="unga_vill_ej",
                regel=SOL_21_2,
                falt="unga_vill",
                meddelande="Den unga måste själv vilja ta del av insatsen.",
            )
        ]
    if not samtycke_kravs(alder=alder, utan_samtycke_fran_15=utan_samtycke_fran_15):
        if samtycke and alder is not None and alder < 18:
            return [
                Overtradelse(
                    kod="samtycke_ska_ej_lagras",
                    regel=SOL_21_2,
                    falt="samtycke",
                    meddelande="Nämnden har beslutat att insatsen ges från 15 år utan "
                    "vårdnadshavares samtycke. Inget om vårdnadshavarna ska registreras.",
                )
            ]
        return []
    assert alder is not None  # noqa: S101 - samtycke_kravs is False without an age
    galler = [k for k in krav if k.under_alder is None or alder < k.under_alder]
    behov = max((_KRAVNIVA.get(k.antal, 1) for k in galler), default=1)
    if _SAMTYCKESNIVA.get(samtycke or "ingen", 0) >= behov:
        return []
    vems = "alla vårdnadshavare" if behov == 2 else "en vårdnadshavare"
    return [
        Overtradelse(
            kod="samtycke_saknas",
            regel=SOL_21_2,
            falt="samtycke",
            meddelande=f"För ett barn som är {alder} år krävs samtycke från {vems} innan "
            "insatsen börjar.",
        )
    ]
