"""Changes to what the nämnd has decided, one atomic use case each: an insats edited under a
decision or corrected, an insats ended, the catalogue's own settings changed, and a decided
change that waits for a later day (BeslutadAndring) recorded or withdrawn. Put in force on
its day by insatser.services.verkstall_beslut."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from grund.tid import idag as idag_lokalt
from insatser.models import (
    KATALOGENS_FALT,
    SAKUPPGIFTER,
    Beslut,
    BeslutadAndring,
    Insats,
    Katalog,
    Villkor,
    galler_fran,
)
from insatser.regler import (
    Overtradelse,
    beslutet_andrar_nagot,
    giltighetstid_fel,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutets_tid,
    sol_11_kap_5_sista_dag,
)
from insatser.services import (
    RegelBrott,
    SamtidigAndring,
    beslutets_tid,
    ersatt_villkor,
    hinder,
    insatsens_regelbrott,
    kontrollera,
    regeln_last,
    satt_historik,
    spara,
    texterna,
    unikt_namn,
    villkorens_varden,
)
from organisation.models import Anvandare


@transaction.atomic
def andra_insats(
    *,
    insats: Insats,
    villkor: Sequence[Villkor],
    anvandare: Anvandare | None,
    beslut: Beslut | None,
    version: int,
    rattelse: str = "",
    idag: datetime.date | None = None,
) -> Insats:
    """Save an edited insats. A decided one changes only under a recorded board decision:
    a new decision, which then stands as its latest and applies from its effective date, or
    a correction (`rattelse`, the reason) of the decision it stands under, which applies from
    that decision's date (insatser.historik). A new decision that takes effect after today
    leaves the insats as it is and is kept as a BeslutadAndring until its day."""
    idag = idag or idag_lokalt()
    aktuell = (
        Insats.objects.select_related("beslut").select_for_update(of=("self",)).get(pk=insats.pk)
    )
    if aktuell.version != version:
        raise SamtidigAndring
    rattelse = rattelse.strip()
    if rattelse:
        beslut = aktuell.beslut
    vantande = aktuell.beslutade_andringar.vantande().first()
    kontrollera(
        sol_11_kap_5_beslutets_tid(
            rattelse=bool(rattelse),
            galler_fran=beslut.galler_fran if beslut else None,
            i_kraft_sedan=aktuell.beslut.galler_fran if aktuell.beslut else None,
            forsta_beslut=aktuell.status == Insats.Status.UTKAST,
            okant=bool(aktuell.beslut and aktuell.beslut.okant),
            vantande_fran=vantande.galler_fran if vantande else None,
        )
    )
    kontrollera(
        sol_11_kap_5_beslut_kravs_for_andring(status=aktuell.status, har_beslut=beslut is not None)
    )
    beslutad = aktuell.status != Insats.Status.UTKAST
    dag = galler_fran(insats.giltig_fran, beslut) if beslutad and not rattelse else None
    i_forvag = beslut is not None and dag is not None and dag > idag
    kontrollera(insatsens_regelbrott(insats, villkor, ska_vara_beslutad=beslutad))
    kontrollera(regeln_last(aktuell, insats, i_forvag=i_forvag))
    kontrollera(unikt_namn(insats))
    # The change decided for a later day is made on top of what is corrected now: it must
    # still hold on it (a correction is no way round the rules of that decision).
    if rattelse and vantande and (brott := hinder(vantande, insats, grundvillkor=[*villkor])):
        raise RegelBrott(
            [
                replace(
                    o,
                    meddelande=f"Rättelsen går inte ihop med ändringen som väntar (gäller "
                    f"från {vantande.galler_fran.isoformat()}): {o.meddelande}",
                )
                for o in brott
            ]
        )
    if beslut is not None and dag is not None and i_forvag:
        insats.status = aktuell.status
        spara_beslutad_andring(
            fore=aktuell,
            efter=insats,
            villkor=villkor,
            beslut=beslut,
            dag=dag,
            anvandare=anvandare,
            idag=idag,
        )
        return aktuell
    insats.status = aktuell.status
    if beslut is not None:
        insats.beslut = beslut
    insats.rattelse = rattelse
    if rattelse:
        orsak = f"Rättelse av beslut {beslut}: {rattelse}"
    else:
        orsak = f"Ändrad genom beslut {beslut}" if beslut else "Utkast ändrat"
    insats.version = aktuell.version + 1
    satt_historik(insats, anvandare, orsak[:100])
    spara(insats)
    # After the insats: a version's villkor are those saved before its next version.
    ersatt_villkor(insats, villkor, anvandare, orsak[:100])
    return insats


#: What a decided change can change: the decided fields and the insats's own dates.
ANDRINGSBARA_FALT = (*SAKUPPGIFTER, "status", "giltig_fran", "giltig_till", "anmarkning")


def beslutade_falt(
    fore: Insats, efter: Insats, villkor: Sequence[Villkor] | None
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """What a decided change holds: the fields of `efter` that differ from `fore` (dates as
    ISO text), and the villkor's parameters if they differ (else None)."""
    falt: dict[str, Any] = {}
    for namn in ANDRINGSBARA_FALT:
        kolumn = Insats._meta.get_field(namn).attname  # type: ignore[union-attr]
        varde = getattr(efter, kolumn)
        if varde != getattr(fore, kolumn):
            falt[kolumn] = varde.isoformat() if isinstance(varde, datetime.date) else varde
    nya_villkor = None
    if villkor is not None and villkorens_varden(fore.villkor.all()) != villkorens_varden(villkor):
        nya_villkor = [{p: getattr(v, p) for p in Villkor.PARAMETRAR} for v in villkor]
    return falt, nya_villkor


def spara_beslutad_andring(
    *,
    fore: Insats,
    efter: Insats,
    villkor: Sequence[Villkor] | None,
    beslut: Beslut,
    dag: datetime.date,
    anvandare: Anvandare | None,
    idag: datetime.date,
) -> BeslutadAndring:
    """Keep what a decision changes from a later day: the fields that differ from the live
    row, and the villkor if they differ. A decision that changes nothing is refused."""
    falt, nya_villkor = beslutade_falt(fore, efter, villkor)
    kontrollera(beslutet_andrar_nagot(andras=bool(falt) or nya_villkor is not None, vad="insatsen"))
    return _vanta(
        insats=fore,
        beslut=beslut,
        galler_fran=dag,
        falt=falt,
        villkor=nya_villkor,
        infort=idag,
        registrerad_av=anvandare,
    )


def _vanta(**andring: Any) -> BeslutadAndring:
    """Record a decided change that waits for its day. One waits per insats and per
    catalogue (the database's unique constraint): a colleague's that came first is refused
    as the rule says."""
    try:
        with transaction.atomic():
            return BeslutadAndring.objects.create(**andring)
    except IntegrityError as e:
        raise RegelBrott(
            sol_11_kap_5_beslutets_tid(
                rattelse=False,
                galler_fran=andring["galler_fran"],
                i_kraft_sedan=None,
                forsta_beslut=False,
                okant=False,
                vantande_fran=andring["galler_fran"],
            )
        ) from e


@transaction.atomic
def upphora_insats(
    *,
    insats: Insats,
    beslut: Beslut,
    anvandare: Anvandare | None,
    sista_dag: datetime.date,
    idag: datetime.date | None = None,
) -> Insats:
    """The nämnd ends an insats. It stays in the register (and its history) for good. It is
    in force up to its last day: an end after today waits as a BeslutadAndring until the
    day after."""
    idag = idag or idag_lokalt()
    insats = (
        Insats.objects.select_related("beslut").select_for_update(of=("self",)).get(pk=insats.pk)
    )
    kontrollera(beslutets_tid(insats, beslut))
    kontrollera(
        sol_11_kap_5_sista_dag(sista_dag=sista_dag, galler_fran=beslut.galler_fran)
        + giltighetstid_fel(giltig_fran=insats.giltig_fran, giltig_till=sista_dag, falt="sista_dag")
    )
    dag = sista_dag + datetime.timedelta(days=1)
    if dag > idag:
        slut = copy.copy(insats)
        slut.status, slut.giltig_till = Insats.Status.UPPHORD, sista_dag
        spara_beslutad_andring(
            fore=insats,
            efter=slut,
            villkor=None,
            beslut=beslut,
            dag=dag,
            anvandare=anvandare,
            idag=idag,
        )
        return insats
    insats.status = Insats.Status.UPPHORD
    insats.beslut = beslut
    insats.rattelse = ""
    insats.giltig_till = sista_dag
    insats.version += 1
    satt_historik(insats, anvandare, f"Upphör: {beslut}")
    insats.save()
    return insats


def katalogens_beslutade_falt(fore: Katalog, efter: Katalog) -> dict[str, Any]:
    """What a decided change of the catalogue's settings holds: those of `efter` that differ
    from `fore`, dates as ISO text."""
    falt = {}
    for namn in KATALOGENS_FALT:
        varde = getattr(efter, namn)
        if varde != getattr(fore, namn):
            falt[namn] = varde.isoformat() if isinstance(varde, datetime.date) else varde
    return falt


@transaction.atomic
def andra_katalog(
    *,
    katalog: Katalog,
    beslut: Beslut | None,
    anvandare: Anvandare | None,
    idag: datetime.date | None = None,
) -> Katalog:
    """Save the catalogue's own settings as edited (the 21 kap. 2 § decision for the whole
    catalogue, the header, the texts). Under a recorded decision they stand under it from its
    effective date, and one for a later day waits as a BeslutadAndring until then (as an
    insats's change); without one the edit corrects what they say, from the day of the
    version it corrects."""
    idag = idag or idag_lokalt()
    kontrollera(texterna(katalog))
    aktuell = Katalog.objects.select_for_update().get(pk=katalog.pk)
    if beslut is not None:
        vantande = aktuell.beslutade_andringar.vantande().first()
        kontrollera(
            sol_11_kap_5_beslutets_tid(
                rattelse=False,
                galler_fran=beslut.galler_fran,
                i_kraft_sedan=aktuell.uppgifter_galler_fran,
                forsta_beslut=False,
                okant=False,
                vantande_fran=vantande.galler_fran if vantande else None,
            )
        )
        if beslut.galler_fran > idag:
            falt = katalogens_beslutade_falt(aktuell, katalog)
            kontrollera(
                beslutet_andrar_nagot(andras=bool(falt), vad="katalogens uppgifter", falt="beslut")
            )
            _vanta(
                katalog=aktuell,
                beslut=beslut,
                galler_fran=beslut.galler_fran,
                falt=falt,
                infort=idag,
                registrerad_av=anvandare,
            )
            return aktuell
        katalog.uppgifter_beslut, katalog.uppgifter_galler_fran = beslut, beslut.galler_fran
    orsak = f"Ändrade genom beslut {beslut}" if beslut else "Katalogens uppgifter ändrade"
    satt_historik(katalog, anvandare, orsak[:100])
    katalog.save()
    return katalog


@transaction.atomic
def aterkalla_andring(
    *,
    andring: BeslutadAndring,
    orsak: str,
    anvandare: Anvandare | None,
    idag: datetime.date | None = None,
) -> BeslutadAndring:
    """Withdraw a decided change recorded by mistake, before its day: a correction with its
    reason. The row stays, so the register shows what was withdrawn, when and why. From its
    day it is in force (whether or not it has been put in the register yet) and cannot be
    withdrawn – unless it could not be put in force at all (hinder)."""
    idag = idag or idag_lokalt()
    orsak = orsak.strip()
    andring = BeslutadAndring.objects.select_for_update().get(pk=andring.pk)
    if andring.ar_vantande and andring.galler_fran <= idag and not hinder(andring):
        raise RegelBrott(
            [
                Overtradelse(
                    kod="andring_galler",
                    meddelande=f"Ändringen gäller sedan {andring.galler_fran.isoformat()} och "
                    "kan inte återkallas. Ändra insatsen genom ett nytt beslut, eller rätta "
                    "beslutet.",
                    regel="11 kap. 5 § SoL",
                )
            ]
        )
    if not andring.ar_vantande:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="andring_ej_vantande",
                    meddelande="Ändringen gäller redan eller är redan återkallad.",
                    regel="11 kap. 5 § SoL",
                )
            ]
        )
    if not orsak:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="skal_saknas",
                    meddelande="Skriv kort varför ändringen återkallas.",
                    regel="11 kap. 5 § SoL",
                    falt="orsak",
                )
            ]
        )
    andring.aterkallad, andring.aterkallad_av = timezone.now(), anvandare
    andring.aterkallad_orsak = orsak[:300]
    andring.save(update_fields=["aterkallad", "aterkallad_av", "aterkallad_orsak"])
    return andring
