"""The rules for registering what happens in an insats, each a pure function named after its
paragraph in socialtjänstlagen (2025:400). Plain values in, a list of violations out; never
raises, never touches the database or the request. The forms show the violations next to the
field, and the services that write run the same functions.

One module per paragraph (or group of paragraphs); each rule is defined there once, and this
package names them all, so callers write `regler.sol_11_kap_5_tak(...)`:

- `identitet`: 14 kap. 3–5 §§, who may be identified and what anonymous texts may hold;
- `kontakt`: 11 kap. 5–6 §§ at the contact, the summary check of the villkor and its outcome;
- `samtycke`: 21 kap. 2 §, children, guardians and young people from 15;
- `tak`: 11 kap. 5 §, the caps the nämnd decided, rounds, and the insats's first day;
- `datum`: what every record's dates, ages and endings must satisfy;
- `begrepp`: the paragraphs cited and the codes of answers and outcomes.
"""

from __future__ import annotations

from dokumentation.regler.begrepp import (
    AVBOJDE,
    DELTAR,
    EJ_UPPFYLLT,
    HANVISAD_ANSOKA,
    HANVISAD_NAMND,
    OSAKERT,
    SOL_11_5,
    SOL_11_6,
    SOL_14_3,
    SOL_14_4_5,
    SOL_21_2,
    UPPFYLLT,
    VANTELISTA,
)
from dokumentation.regler.datum import (
    alder_motsager,
    alder_pa_dag,
    avbrott_utan_orsak,
    datum_efter,
    datum_langt_tillbaka,
    datumfel,
    ett_ar_tillbaka,
    gruppstorlek_fel,
    kan_ha_varit_med,
)
from dokumentation.regler.identitet import (
    sol_14_kap_3_5_identitet,
    sol_14_kap_3_identifieras,
    sol_14_kap_4_5_fritext,
    sol_14_kap_4_5_fritexter,
)
from dokumentation.regler.kontakt import (
    SPARAS_VID_UTFALL,
    inget_tappas_vid_utfallet,
    sol_11_kap_5_summarisk_kontroll,
    sol_11_kap_5_utfall,
    sol_11_kap_6_information,
    tillatna_utfall,
)
from dokumentation.regler.samtycke import (
    Samtyckeskrav,
    samtycke_kravs,
    sol_21_kap_2_alder_kravs,
    sol_21_kap_2_fragor,
    sol_21_kap_2_samtycke,
)
from dokumentation.regler.tak import (
    SKAL_OVER_TAK,
    datum_fore_insatsen,
    manader_efter,
    sol_11_kap_5_ny_kods_start,
    sol_11_kap_5_omgang,
    sol_11_kap_5_tak,
)

__all__ = [
    "AVBOJDE",
    "DELTAR",
    "EJ_UPPFYLLT",
    "HANVISAD_ANSOKA",
    "HANVISAD_NAMND",
    "OSAKERT",
    "SKAL_OVER_TAK",
    "SOL_11_5",
    "SOL_11_6",
    "SOL_14_3",
    "SOL_14_4_5",
    "SOL_21_2",
    "SPARAS_VID_UTFALL",
    "UPPFYLLT",
    "VANTELISTA",
    "Samtyckeskrav",
    "alder_motsager",
    "alder_pa_dag",
    "avbrott_utan_orsak",
    "datum_efter",
    "datum_fore_insatsen",
    "datum_langt_tillbaka",
    "datumfel",
    "ett_ar_tillbaka",
    "gruppstorlek_fel",
    "inget_tappas_vid_utfallet",
    "kan_ha_varit_med",
    "manader_efter",
    "samtycke_kravs",
    "sol_11_kap_5_ny_kods_start",
    "sol_11_kap_5_omgang",
    "sol_11_kap_5_summarisk_kontroll",
    "sol_11_kap_5_tak",
    "sol_11_kap_5_utfall",
    "sol_11_kap_6_information",
    "sol_14_kap_3_5_identitet",
    "sol_14_kap_3_identifieras",
    "sol_14_kap_4_5_fritext",
    "sol_14_kap_4_5_fritexter",
    "sol_21_kap_2_alder_kravs",
    "sol_21_kap_2_fragor",
    "sol_21_kap_2_samtycke",
    "tillatna_utfall",
]
