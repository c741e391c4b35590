"""Writing a signed journal note (14 kap. 3 § insatser only)."""

from __future__ import annotations

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import kontrollera
from dokumentation.journal.models import Journalanteckning
from insatser.regler import Overtradelse
from organisation.models import Anvandare


def skriv_journalanteckning(
    *,
    deltagande: Deltagande,
    text: str,
    anvandare: Anvandare,
    rattar: Journalanteckning | None = None,
) -> Journalanteckning:
    """14 kap. 3 §: a signed note. A correction is a new note that refers to the old one."""
    brott = []
    if not deltagande.ar_identifierad:
        brott.append(
            Overtradelse(
                kod="ingen_journal",
                regel=regler.SOL_14_4_5,
                falt=None,
                meddelande="Insatsen förs utan journal.",
            )
        )
    if rattar is not None and rattar.deltagande_id != deltagande.pk:
        brott.append(
            Overtradelse(
                kod="fel_anteckning",
                regel="",
                falt="rattar",
                meddelande="Välj en anteckning i samma deltagande.",
            )
        )
    if not text.strip():
        brott.append(
            Overtradelse(kod="text_saknas", regel="", falt="text", meddelande="Skriv anteckningen.")
        )
    kontrollera(brott)
    return Journalanteckning.objects.create(
        deltagande=deltagande, text=text.strip(), signerad_av=anvandare, rattar=rattar
    )
