"""The catalogue's legal rules, each a pure function named after its paragraph.

A rule takes plain values and returns a list of violations; it never raises and never touches
the database or the request. The same functions run in the forms (so the secretary sees the
error next to the field) and in the services that write (so import, admin and commands cannot
skip them). Paragraphs refer to socialtjänstlagen (2025:400).

One module per paragraph (or group of paragraphs); each rule is defined there once, and this
package names them all, so callers write `from insatser.regler import sol_11_kap_5_slag`:

- `slag`: 11 kap. 5 §, the kinds that are never IUB or only for adults, and the kind a name
  suggests;
- `villkor`: 11 kap. 5 § and 21 kap. 2 §, the villkor of an insats and its group size;
- `beslut`: 11 kap. 5 §, the nämnd's decisions and their time;
- `identitet`: 14 kap. 3–5 §§ and the public catalogue's texts;
- `begrepp`: the paragraphs cited, `Overtradelse` and `VillkorLike`.
"""

from __future__ import annotations

from insatser.regler.begrepp import (
    HOGSTA_ALDER,
    SOL_11_5,
    SOL_14_3_5,
    SOL_14_5,
    Overtradelse,
    VillkorLike,
)
from insatser.regler.beslut import (
    beslutet_andrar_nagot,
    giltighetstid_fel,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutets_tid,
    sol_11_kap_5_beslutsdatum,
    sol_11_kap_5_beslutsunderlag,
    sol_11_kap_5_i_kraft,
    sol_11_kap_5_sista_dag,
)
from insatser.regler.identitet import (
    katalogtext_utan_personnummer,
    malgrupp_utan_identitet,
    sol_14_kap_3_5_regeln_last,
    sol_14_kap_4_5_utan_identitet,
    sol_14_kap_5_sarskilda_skal,
    verksamhetssystem_utan_identitet,
)
from insatser.regler.slag import (
    BOENDE_LAGSTA_ALDER,
    SLAG_ALDRIG_IUB,
    SLAG_BOENDE_FOR_VUXNA,
    foreslaget_slag,
    foreslaget_slag_och_ord,
    sol_11_kap_5_slag,
)
from insatser.regler.villkor import (
    gruppstorlek_fel,
    sol_11_kap_5_villkor,
    sol_21_kap_2_utan_samtycke_fran_15,
)

__all__ = [
    "BOENDE_LAGSTA_ALDER",
    "HOGSTA_ALDER",
    "SLAG_ALDRIG_IUB",
    "SLAG_BOENDE_FOR_VUXNA",
    "SOL_11_5",
    "SOL_14_3_5",
    "SOL_14_5",
    "Overtradelse",
    "VillkorLike",
    "beslutet_andrar_nagot",
    "foreslaget_slag",
    "foreslaget_slag_och_ord",
    "giltighetstid_fel",
    "gruppstorlek_fel",
    "katalogtext_utan_personnummer",
    "malgrupp_utan_identitet",
    "sol_11_kap_5_beslut_kravs_for_andring",
    "sol_11_kap_5_beslutets_tid",
    "sol_11_kap_5_beslutsdatum",
    "sol_11_kap_5_beslutsunderlag",
    "sol_11_kap_5_i_kraft",
    "sol_11_kap_5_sista_dag",
    "sol_11_kap_5_slag",
    "sol_11_kap_5_villkor",
    "sol_14_kap_3_5_regeln_last",
    "sol_14_kap_4_5_utan_identitet",
    "sol_14_kap_5_sarskilda_skal",
    "sol_21_kap_2_utan_samtycke_fran_15",
    "verksamhetssystem_utan_identitet",
]
