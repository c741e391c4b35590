"""11 kap. 5–6 §§ SoL at the contact: the information about the right to apply, the summary check
of the villkor, the outcome it allows, and that nothing typed is dropped by the outcome."""

from __future__ import annotations

from collections.abc import Sequence

from dokumentation.regler.begrepp import (
    AVBOJDE,
    DELTAR,
    EJ_UPPFYLLT,
    HANVISAD_ANSOKA,
    HANVISAD_NAMND,
    OSAKERT,
    SOL_11_5,
    SOL_11_6,
    UPPFYLLT,
    VANTELISTA,
)
from insatser.regler import Overtradelse, VillkorLike


def sol_11_kap_6_information(*, informerad: bool) -> list[Overtradelse]:
    """11 kap. 6 §: everyone who turns to the utförare is told that they may apply for
    needs-assessed insatser, whatever the outcome; it is confirmed before anything is saved."""
    if informerad:
        return []
    return [
        Overtradelse(
            kod="information_saknas",
            meddelande="Bekräfta att personen har fått information om rätten att ansöka om "
            f"behovsprövade insatser ({SOL_11_6}). Det krävs innan något sparas.",
            regel=SOL_11_6,
            falt="informerad",
        )
    ]


def _alder_inom(v: VillkorLike, alder: int) -> bool:
    return (v.min_alder is None or alder >= v.min_alder) and (
        v.max_alder is None or alder <= v.max_alder
    )


def sol_11_kap_5_summarisk_kontroll(
    villkor: Sequence[VillkorLike],
    svar: Sequence[str | None],
    *,
    alder: int | None,
    barnets_alder: int | None,
) -> list[Overtradelse]:
    """11 kap. 5 §: the utförare checks each villkor summarily – met, not met or unsure – and
    nothing more. An answer that contradicts the age given is refused."""
    fel = []
    for nr, (v, s) in enumerate(zip(villkor, svar, strict=True), start=1):
        if s not in (UPPFYLLT, EJ_UPPFYLLT, OSAKERT):
            fel.append(
                Overtradelse(
                    kod="svar_saknas",
                    meddelande="Svara på villkoret.",
                    regel=SOL_11_5,
                    falt=f"villkor_{nr}",
                    nr=nr,
                )
            )
            continue
        if v.typ != "alder" or s == OSAKERT:
            continue
        galler = barnets_alder if v.avser == "barnet" else alder
        if galler is None:
            continue
        if (s == UPPFYLLT) != _alder_inom(v, galler):
            vem = "barnets ålder" if v.avser == "barnet" else "åldern"
            fel.append(
                Overtradelse(
                    kod="svar_motsager_alder",
                    meddelande=f"Svaret stämmer inte med {vem} ({galler} år).",
                    regel=SOL_11_5,
                    falt=f"villkor_{nr}",
                    nr=nr,
                )
            )
    return fel


def tillatna_utfall(svar: Sequence[str | None]) -> frozenset[str]:
    """11 kap. 5 § and 11 kap. 1 §: all met – the person must be accepted (or waits for a
    round, or declines); unsure – referred to the nämnd; not met – told they may apply for
    the insats with a needs assessment."""
    if EJ_UPPFYLLT in svar:
        return frozenset({HANVISAD_ANSOKA, AVBOJDE})
    if OSAKERT in svar:
        return frozenset({HANVISAD_NAMND, AVBOJDE})
    return frozenset({DELTAR, VANTELISTA, AVBOJDE})


def sol_11_kap_5_utfall(*, svar: Sequence[str | None], utfall: str) -> list[Overtradelse]:
    if utfall in tillatna_utfall(svar):
        return []
    if EJ_UPPFYLLT in svar:
        text = (
            "Ett villkor är inte uppfyllt: personen ska få veta att hen kan ansöka om "
            "insatsen med behovsprövning (11 kap. 1 §). Välj ”Hänvisad att ansöka”."
        )
    elif OSAKERT in svar:
        text = "Vid tveksamhet hänvisas personen till nämnden. Välj ”Hänvisad till nämnden”."
    else:
        text = (
            "Alla villkor är uppfyllda: personen ska tas emot. Ingen annan bedömning får "
            "göras av utföraren."
        )
    return [
        Overtradelse(kod="utfall_strider_mot_svar", meddelande=text, regel=SOL_11_5, falt="utfall")
    ]


# Where each value typed at a contact is kept: the first talk only for someone who takes part
# now; the round, the start values, who the person is and the guardians' consent for someone
# who takes part or waits for a round. Anything else would be dropped without a word.
SPARAS_VID_UTFALL: dict[str, frozenset[str]] = {
    "samtal_minuter": frozenset({DELTAR}),
    **{
        falt: frozenset({DELTAR, VANTELISTA})
        for falt in (
            "omgang",
            "maende_start",
            "boende_start",
            "sysselsattning_start",
            "personnummer",
            "fornamn",
            "efternamn",
            "samtycke",
        )
    },
}


def inget_tappas_vid_utfallet(*, utfall: str, ifyllda: Sequence[str]) -> list[Overtradelse]:
    """Nothing typed is dropped when the outcome changes: a value the outcome has no place for
    (the first talk's minutes when the person is referred on, a name for someone who declined)
    is refused next to its field, so the user clears it or picks the outcome it belongs to."""
    fel = []
    for falt in ifyllda:
        sparas = SPARAS_VID_UTFALL.get(falt)
        if sparas is None or utfall in sparas:
            continue
        vem = "börjar delta" if sparas == {DELTAR} else "börjar delta eller väntar på en omgång"
        fel.append(
            Overtradelse(
                kod="sparas_inte_vid_utfallet",
                regel="",
                falt=falt,
                meddelande=f"Sparas bara för den som {vem}. Töm fältet, eller välj det "
                "utfallet om det stämmer.",
            )
        )
    return fel
