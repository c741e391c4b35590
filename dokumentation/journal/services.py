"""Writing a signed journal note (14 kap. 3 § insatser only)."""

from __future__ import annotations

import uuid

from django.db import transaction

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import ANVAND_NYCKEL, en_gang, kontrollera
from dokumentation.journal.models import Journalanteckning
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare


def skriv_journalanteckning(
    *,
    deltagande: Deltagande,
    text: str,
    anvandare: Anvandare,
    rattar: Journalanteckning | None = None,
    nyckel: uuid.UUID | None = None,
) -> Journalanteckning:
    """14 kap. 3 §: a signed note. A correction is a new note that refers to the old one. The
    same form sent twice (the same key) signs one note."""
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

    @transaction.atomic
    def skapa() -> Journalanteckning:
        return Journalanteckning.objects.create(
            deltagande=deltagande,
            text=text.strip(),
            signerad_av=anvandare,
            rattar=rattar,
            inlamningsnyckel=nyckel,
        )

    def befintlig() -> Journalanteckning | None:
        if nyckel is None:
            return None
        tidigare = Journalanteckning.objects.filter(inlamningsnyckel=nyckel).first()
        if tidigare is not None and (
            tidigare.deltagande_id != deltagande.pk or tidigare.signerad_av_id != anvandare.pk
        ):
            raise RegelBrott([ANVAND_NYCKEL])
        return tidigare

    return en_gang(skapa, befintlig)
