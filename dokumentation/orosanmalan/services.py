"""Recording that staff made a report of worry about a child (anmälningsplikt): de-identified,
counted per insats and period."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction

from dokumentation import regler
from dokumentation.gemensamt import ANVAND_NYCKEL, en_gang, kontrollera, utforare_for_insats
from dokumentation.orosanmalan.models import Orosanmalan
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare


def kan_registrera_oro(insats: Insats) -> bool:
    """An insats without identity (14 kap. 4–5 §§, or documented in an external case system):
    there the register can only say that a report was made. Under 14 kap. 3 § the worry is
    documented in the person's journal."""
    return not regler.sol_14_kap_3_identifieras(
        dokumentationsregel=insats.dokumentationsregel, verksamhetssystem=insats.verksamhetssystem
    )


def registrera_orosanmalan(
    *,
    anvandare: Anvandare,
    insats: Insats,
    datum: datetime.date,
    nyckel: uuid.UUID,
    idag: datetime.date,
) -> Orosanmalan:
    """A report of worry about a child was made to the social services: insats, utförare and
    date, nothing about whom. The same form posted twice records one."""

    @transaction.atomic
    def skapa() -> Orosanmalan:
        brott = regler.datumfel(datum, idag=idag)
        if not kan_registrera_oro(insats):
            brott.append(
                Overtradelse(
                    kod="oro_i_journalen",
                    regel=regler.SOL_14_3,
                    falt=None,
                    meddelande="Insatsen dokumenteras fullt ut: dokumentera oron och anmälan i "
                    "personens journal.",
                )
            )
        kontrollera(brott)
        return Orosanmalan.objects.create(
            insats=insats,
            utforare=utforare_for_insats(insats),
            datum=datum,
            registrerad_av=anvandare,
            inlamningsnyckel=nyckel,
        )

    def befintlig() -> Orosanmalan | None:
        tidigare = Orosanmalan.objects.filter(inlamningsnyckel=nyckel).first()
        if tidigare is not None and (
            tidigare.insats_id != insats.pk or tidigare.registrerad_av_id != anvandare.pk
        ):
            raise RegelBrott([ANVAND_NYCKEL])
        return tidigare

    return en_gang(skapa, befintlig)
