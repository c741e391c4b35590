"""Writing and signing the yearly follow-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dokumentation.regler import sol_14_kap_4_5_fritext
from insatser.models import Insats
from insatser.regler import Overtradelse
from insatser.services import RegelBrott, SamtidigAndring
from organisation.models import Anvandare
from uppfoljning import publicerat
from uppfoljning.models import Arsuppfoljning, Folkmangd, Namndrapport, Riktlinjeuppfoljning

__all__ = ["RegelBrott", "SamtidigAndring"]

IDENTITETSGRANSKADE = ["analys", "sammanfattning", "slutsats", "forslag_text"]
KRAVS_FOR_SIGNERING = ["analys", "sammanfattning", "slutsats", "bedomning", "forslag"]


def figurer(insats: Insats, ar: int, pub: publicerat.Publicerat | None = None) -> dict[str, Any]:
    """The year beside the two before it as published, as stored when signed."""
    kolumner = [str(ar - 2), str(ar - 1), str(ar)]
    pub = pub or publicerat.Publicerat(insats.katalog, kolumner=kolumner, insats=insats.pk)
    return publicerat.som_json(publicerat.indikatortabell(pub, insats.pk, kolumner, medel=True))


def arsuppfoljningens_fel(varden: Mapping[str, Any], *, signera: bool) -> list[Overtradelse]:
    """What the yearly follow-up's values break, all at once: the identity guard on the texts
    (they go to the nämnd and are published, 14 kap. 4–5 §§) and, when signing, what must be
    filled in. The page runs it also when another field is wrong, so every message shows on
    the first try."""
    brott = [
        o
        for falt in IDENTITETSGRANSKADE
        for o in sol_14_kap_4_5_fritext(varden.get(falt) or "", falt=falt)
    ]
    if signera:
        brott += [
            Overtradelse(
                kod="kravs_for_signering",
                falt=f,
                regel="",
                meddelande="Fyll i innan du signerar.",
            )
            for f in KRAVS_FOR_SIGNERING
            if not varden.get(f)
        ]
    return brott


@transaction.atomic
def spara_arsuppfoljning(
    *, uppfoljning: Arsuppfoljning, version: int, signera: bool, anvandare: Anvandare
) -> Arsuppfoljning:
    """Save the text; when signing, freeze the figures as they are shown now. The texts go
    to the nämnd and are published: the identity guard reads them first (14 kap. 4–5 §§)."""
    brott = arsuppfoljningens_fel(
        {f: getattr(uppfoljning, f) for f in {*IDENTITETSGRANSKADE, *KRAVS_FOR_SIGNERING}},
        signera=signera,
    )
    if brott:
        raise RegelBrott(brott)
    if uppfoljning.pk:
        aktuell = Arsuppfoljning.objects.select_for_update().get(pk=uppfoljning.pk)
        if aktuell.status == Arsuppfoljning.Status.SIGNERAD or aktuell.version != version:
            raise SamtidigAndring
        uppfoljning.version = aktuell.version + 1
    if signera:
        ar = uppfoljning.ar
        pub = publicerat.Publicerat(
            uppfoljning.insats.katalog,
            kolumner=[str(ar - 2), str(ar - 1), str(ar)],
            insats=uppfoljning.insats_id,
        )
        if pub.publicerad(str(ar)) is None:
            raise RegelBrott(
                [
                    Overtradelse(
                        kod="ej_publicerat",
                        regel="",
                        meddelande=f"Året {uppfoljning.ar} är inte publicerat än. Uppföljningen "
                        "kan signeras när årets statistik är publicerad, så att texten och "
                        "tabellen bredvid den stämmer.",
                    )
                ]
            )
        uppfoljning.siffror = figurer(uppfoljning.insats, uppfoljning.ar, pub)
        uppfoljning.status = Arsuppfoljning.Status.SIGNERAD
        uppfoljning.signerad_av = anvandare
        uppfoljning.signerad = timezone.now()
    uppfoljning.save()
    return uppfoljning


@transaction.atomic
def spara_namndrapport(
    *, uppgifter: Namndrapport, version: int, folkmangd: dict[int, int | None]
) -> Namndrapport:
    """Save the cover and summary of a board paper and the population of its years. The
    summary goes to the nämnd and is published: the identity guard reads it first."""
    brott = sol_14_kap_4_5_fritext(uppgifter.sammanfattning or "", falt="sammanfattning")
    if brott:
        raise RegelBrott(brott)
    aktuell = (
        Namndrapport.objects.select_for_update()
        .filter(katalog=uppgifter.katalog, ar=uppgifter.ar)
        .first()
    )
    if (aktuell.version if aktuell else 1) != version or (aktuell and aktuell.pk != uppgifter.pk):
        raise SamtidigAndring
    if aktuell:
        uppgifter.version = aktuell.version + 1
    try:
        with transaction.atomic():
            uppgifter.save()
    except IntegrityError as e:  # another person created it meanwhile
        raise SamtidigAndring from e
    kommun = uppgifter.katalog.kommunen_id
    for ar, invanare in folkmangd.items():
        if invanare is None:
            Folkmangd.objects.filter(kommun_id=kommun, ar=ar).delete()
        else:
            Folkmangd.objects.update_or_create(
                kommun_id=kommun, ar=ar, defaults={"invanare": invanare}
            )
    return uppgifter


RIKTLINJE_TEXTER = ["anvandning", "rattigheter", "dokumentation", "risker", "forslag"]


@transaction.atomic
def spara_riktlinjeuppfoljning(
    *, uppfoljning: Riktlinjeuppfoljning, version: int, signera: bool, anvandare: Anvandare
) -> Riktlinjeuppfoljning:
    """Save the guideline follow-up's text; signing freezes it. The texts go to the nämnd:
    the identity guard reads them first (14 kap. 4–5 §§)."""
    brott = [
        o
        for falt in RIKTLINJE_TEXTER
        for o in sol_14_kap_4_5_fritext(getattr(uppfoljning, falt) or "", falt=falt)
    ]
    if brott:
        raise RegelBrott(brott)
    aktuell = (
        Riktlinjeuppfoljning.objects.select_for_update()
        .filter(katalog=uppfoljning.katalog, period=uppfoljning.period)
        .first()
    )
    if aktuell and (
        aktuell.status == Riktlinjeuppfoljning.Status.SIGNERAD
        or aktuell.version != version
        or aktuell.pk != uppfoljning.pk
    ):
        raise SamtidigAndring
    if aktuell:
        uppfoljning.version = aktuell.version + 1
    if signera:
        saknas = [f for f in RIKTLINJE_TEXTER if not (getattr(uppfoljning, f) or "").strip()]
        if saknas:
            raise RegelBrott(
                [
                    Overtradelse(
                        kod="kravs_for_signering",
                        falt=f,
                        regel="",
                        meddelande="Fyll i innan du signerar (”Inga” om det inte finns något).",
                    )
                    for f in saknas
                ]
            )
        uppfoljning.status = Riktlinjeuppfoljning.Status.SIGNERAD
        uppfoljning.signerad_av = anvandare
        uppfoljning.signerad = timezone.now()
    try:
        with transaction.atomic():
            uppfoljning.save()
    except IntegrityError as e:  # another person created it meanwhile
        raise SamtidigAndring from e
    return uppfoljning
