"""Ending a round's participants together: those who completed it, each ended as planned by
the same `avsluta_deltagande` as one at a time (its rules, the wellbeing and situation at the
end), all of them or none."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande
from dokumentation.gemensamt import en_gang
from dokumentation.logg.atkomst import SKYDDAD_IDENTITET, far_oppna
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import avsluta_omgang
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.models import Anvandare


@dataclass(frozen=True)
class Slutrad:
    """One participant ticked on the page, with what was answered for them at the end."""

    deltagande_id: int
    maende_slut: int | None = None
    boende_slut: str = ""
    sysselsattning_slut: str = ""
    problem: str = ""
    problem_text: str = ""


@dataclass
class Omgangsavslut:
    omgang: Omgang
    avslutade: list[Deltagande] = field(default_factory=list)
    redan_sparad: bool = False
    omgang_avslutad: bool = False
    vantande: int = 0  # those waiting for a place in the ended round, left on the insats's list

    def kvitto(self) -> str:
        """What staff are told when it is saved."""
        antal = len(self.avslutade)
        vad = "deltagande är avslutat" if antal == 1 else "deltaganden är avslutade"
        text = f"{antal} {vad} enligt plan."
        if self.omgang_avslutad:
            text += f" Omgången {self.omgang.benamning} är avslutad."
            if self.vantande:
                vem = "1 person" if self.vantande == 1 else f"{self.vantande} personer"
                text += f" {vem} på dess väntelista står kvar på insatsens väntelista."
        return text


def avslutsnyckel(nyckel: uuid.UUID, *, omgang: Omgang, anvandare: Anvandare) -> uuid.UUID:
    """What the page's one-time key leaves on each participation it ended: the sender's and
    the round's own, so a colleague's copy of the page or another round's key never answers
    with what this one ended."""
    return uuid.uuid5(nyckel, f"avslut-{omgang.pk}-{anvandare.pk}")


INGEN_VALD = Overtradelse(
    kod="ingen_vald",
    regel="",
    falt=None,
    meddelande="Kryssa i minst en deltagare att avsluta.",
)


def omgangen_kan_inte_avslutas(kvar: int) -> Overtradelse:
    vem = "1 deltagare" if kvar == 1 else f"{kvar} deltagare"
    return Overtradelse(
        kod="deltagare_pagar",
        regel="",
        falt="avsluta_omgangen",
        meddelande=f"Omgången kan inte avslutas: {vem} skulle fortfarande pågå. Kryssa i alla, "
        "avsluta den som hoppat av för sig först, eller avsluta bara deltagarna nu.",
    )


def avsluta_omgangens_deltagare(
    *,
    omgang: Omgang,
    rader: Sequence[Slutrad],
    slutdatum: datetime.date,
    anvandare: Anvandare,
    nyckel: uuid.UUID,
    idag: datetime.date,
    avsluta_omgangen: bool = False,
) -> Omgangsavslut:
    """End the ticked participants of the round as planned ("genomförd"), in one transaction:
    a rule broken for anyone (already ended, the end before their start, identity in a
    participant's free text without identity, a protected identity the user may not end:
    `far_oppna`) raises RaderBrott with every participant's
    violations, keyed by the participation's id, and nothing is saved. The same page sent again
    (the same key, the same user) ends nobody more and answers with what it ended.

    With `avsluta_omgangen` the round is closed too, in the same transaction, as
    `avsluta_omgang` closes it: when someone would still be ongoing in it, nothing is saved."""
    egen = avslutsnyckel(nyckel, omgang=omgang, anvandare=anvandare)

    @transaction.atomic
    def skapa() -> Omgangsavslut:
        if not rader:
            raise RegelBrott([INGEN_VALD])
        i_omgangen = {
            d.pk: d
            for d in omgang.deltaganden.filter(
                pk__in=[r.deltagande_id for r in rader]
            ).select_related("person", "kontakt")
        }
        fel: dict[int, list[Overtradelse]] = {}
        avslut = Omgangsavslut(omgang=omgang)
        for rad in rader:
            d = i_omgangen.get(rad.deltagande_id)
            if d is None:
                fel[rad.deltagande_id] = [
                    Overtradelse(
                        kod="fel_omgang", regel="", falt=None, meddelande="Inte i omgången."
                    )
                ]
                continue
            if not far_oppna(anvandare, d):
                fel[rad.deltagande_id] = [SKYDDAD_IDENTITET]
                continue
            try:
                avslut.avslutade.append(
                    avsluta_deltagande(
                        deltagande=d,
                        slutdatum=slutdatum,
                        avbrott=False,
                        idag=idag,
                        maende_slut=rad.maende_slut,
                        boende_slut=rad.boende_slut,
                        sysselsattning_slut=rad.sysselsattning_slut,
                        problem=rad.problem,
                        problem_text=rad.problem_text,
                        avslutsnyckel=egen,
                    )
                )
            except RegelBrott as e:
                fel[rad.deltagande_id] = e.overtradelser
        if fel:
            raise RaderBrott(fel)
        if avsluta_omgangen:
            kvar = omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE).count()
            if kvar:
                raise RegelBrott([omgangen_kan_inte_avslutas(kvar)])
            avslut.vantande = avsluta_omgang(omgang=omgang)
            avslut.omgang_avslutad = True
        return avslut

    def befintlig() -> Omgangsavslut | None:
        tidigare = list(omgang.deltaganden.filter(avslutsnyckel=egen).select_related("person"))
        return Omgangsavslut(omgang=omgang, avslutade=tidigare) if tidigare else None

    return en_gang(skapa, befintlig)
