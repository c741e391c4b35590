"""Which rows of the yearly follow-up apply to an insats. A contact-only meeting place has no
participations, an individual talk no group meetings, an insats without a cap nothing over
it: such rows are left out of the enhetschef's table, and the page says which and why, so a
missing row is never mistaken for a forgotten one. A row is left out only while all its
published figures are zero or missing: a count that is there, or hidden (×), is always shown,
whatever the insats's form says today (it may have changed during the year)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dokumentation.regler import sol_14_kap_3_identifieras
from insatser.models import Insats

#: Counted on participations: a contact-only insats (open verksamhet) has none.
DELTAGANDEMATT = (
    "deltar",
    "unika",
    "unga_utan_samtycke",
    "samtal",
    "grupptraffar",
    "narvaro",
    "avslutade",
    "avbrutna",
    "problem",
    "hanvisade_vid_tak",
    "over_taket",
    "vantelista",
    "vantelista_nu",
    "nya_deltagarkoder",
)
GRUPPMATT = ("grupptraffar", "narvaro", "vantelista", "vantelista_nu")
TAKMATT = ("hanvisade_vid_tak", "over_taket")
OPPNA_MATT = ("oppningar", "besok")
#: The forms with individual talks, where a participant without identity may get a new code.
ENSKILDA_SAMTAL = (Insats.Form.INDIVIDUELL, Insats.Form.INDIVIDUELL_ELLER_GRUPP)
#: The means, by what they are a mean of: the wait for a place in a group, wellbeing of those
#: who took part.
MEDEL = {
    "medel.vantetid": "vantelista",
    "medel.maende_start": "deltar",
    "medel.maende_slut": "deltar",
}
#: What a figure shows when there is nothing: zero, not published, nothing.
TOMT = {"0", "–", ""}


def varfor_inte(nyckel: str, insats: Insats) -> str | None:
    """Why the row `nyckel` does not apply to the insats as decided, or None when it does."""
    form = insats.form
    # avbrutna.orsak.flyttade is a part of avbrutna; the means are of participations.
    nyckel = MEDEL.get(nyckel, nyckel.split(".")[0])
    if form == Insats.Form.OPPEN_VERKSAMHET and nyckel in DELTAGANDEMATT:
        return "Öppen verksamhet: besökare räknas, inga deltaganden registreras."
    if form and form not in Insats.GRUPPFORMER and nyckel in GRUPPMATT:
        return "Insatsen ges inte i grupp: den har inga omgångar, gruppträffar eller väntelista."
    if form in (Insats.Form.GRUPP, Insats.Form.OPPEN_VERKSAMHET) and nyckel == "samtal":
        return "Insatsen har inga enskilda samtal."
    if form != Insats.Form.OPPEN_VERKSAMHET and nyckel in OPPNA_MATT:
        return "Insatsen är inte öppen verksamhet: den har inga öppningar eller besök."
    if nyckel in TAKMATT and not insats.max_tillfallen and not insats.max_varaktighet_manader:
        return "Nämnden har inte beslutat något tak för insatsen (11 kap. 5 §)."
    if nyckel == "unga_utan_samtycke" and not insats.unga_utan_samtycke:
        return (
            "Nämnden har inte beslutat att unga från 15 år kan delta utan vårdnadshavares "
            "samtycke (21 kap. 2 §)."
        )
    identifieras = sol_14_kap_3_identifieras(
        dokumentationsregel=insats.dokumentationsregel,
        verksamhetssystem=insats.verksamhetssystem,
    )
    if nyckel == "nya_deltagarkoder" and (identifieras or form not in ENSKILDA_SAMTAL):
        return "Nya deltagarkoder ges bara i insatser utan identitet med enskilda samtal."
    if nyckel == "avvisade" and identifieras:
        return "Insatsen dokumenteras med identitet (14 kap. 3 §): fritexterna granskas inte."
    if nyckel == "orosanmalningar" and identifieras:
        return "Insatsen dokumenteras med identitet (14 kap. 3 §): orosanmälan står i journalen."
    return None


def _tom(celler: Iterable[Any]) -> bool:
    return all(str(c).strip() in TOMT for c in celler)


def fordelning_tillamplig(nyckel: str, insats: Insats, fordelning: Any) -> bool:
    """Whether a table by age and sex (`publicerat.Fordelning`) of `nyckel` belongs on the
    page: when its measure applies to the insats, or when it has a count (shown or hidden)
    all the same. A table of zeros for visits to a group is noise, not information."""
    if fordelning is None:
        return False
    if varfor_inte(nyckel, insats) is None:
        return True
    celler = [c for rad in fordelning.rader for c in rad] + list(fordelning.summarad)
    return any(c.varde or c.dold for c in celler)


def tillampliga(
    figurer: dict[str, Any], insats: Insats
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The table with the rows that apply (and those that do not but have figures), and the
    rows left out with why. Rows without their key (a follow-up signed before the keys were
    kept) are all kept: a signed table is shown as it was signed."""
    kvar, utelamnade = [], []
    for rad in figurer.get("rader", []):
        skal = varfor_inte(rad["nyckel"], insats) if rad.get("nyckel") else None
        if skal is not None and _tom(rad["celler"]):
            utelamnade.append((rad["rubrik"].lstrip("– "), skal))
        else:
            kvar.append(rad)
    return {**figurer, "rader": kvar}, utelamnade
