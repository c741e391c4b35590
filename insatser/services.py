"""Every change to the catalogue goes through these functions, one atomic use case each, so that
screens, import and commands all run the same rules (insatser.regler)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction

from insatser.models import Beslut, Insats, Villkor
from insatser.regler import (
    Overtradelse,
    katalogtext_utan_personnummer,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutets_tid,
    sol_11_kap_5_beslutsunderlag,
    sol_11_kap_5_slag,
    sol_11_kap_5_villkor,
    sol_14_kap_3_5_regeln_last,
    sol_14_kap_5_sarskilda_skal,
    verksamhetssystem_utan_identitet,
)
from organisation.models import Anvandare


class RegelBrott(Exception):
    """A change the rules refuse; nothing was written."""

    def __init__(self, overtradelser: Sequence[Overtradelse]) -> None:
        super().__init__("; ".join(o.meddelande for o in overtradelser))
        self.overtradelser = list(overtradelser)


class SamtidigAndring(Exception):
    """Someone else saved the insats after this edit was opened."""


def _kontrollera(overtradelser: list[Overtradelse]) -> None:
    if overtradelser:
        raise RegelBrott(overtradelser)


def insatsens_regelbrott(
    insats: Insats, villkor: Sequence[Villkor], *, ska_vara_beslutad: bool
) -> list[Overtradelse]:
    """All catalogue rules for one insats with its villkor, as it is about to be saved."""
    brott = sol_11_kap_5_slag(slag=insats.slag, villkor=villkor)
    brott += sol_11_kap_5_villkor(villkor)
    brott += _katalogtexter(insats, villkor)
    brott += verksamhetssystem_utan_identitet(insats.verksamhetssystem)
    if ska_vara_beslutad:
        brott += sol_11_kap_5_beslutsunderlag(
            namn=insats.namn, innehall=insats.innehall, malgrupp=insats.malgrupp, slag=insats.slag
        )
        brott += sol_14_kap_5_sarskilda_skal(
            dokumentationsregel=insats.dokumentationsregel,
            motivering=insats.dokumentation_motivering,
        )
    return brott


def _katalogtexter(insats: Insats, villkor: Sequence[Villkor]) -> list[Overtradelse]:
    """No personnummer in any text of the insats or its villkor (the catalogue is public)."""
    brott = []
    for f in insats._meta.concrete_fields:
        varde = getattr(insats, f.attname)
        texter = varde if isinstance(varde, list) else [varde]
        for t in texter:
            if isinstance(t, str):
                brott += [replace(o, falt=f.name) for o in katalogtext_utan_personnummer(t)]
    for nr, v in enumerate(villkor, start=1):
        for f in v._meta.concrete_fields:
            t = getattr(v, f.attname)
            if isinstance(t, str):
                brott += [replace(o, nr=nr) for o in katalogtext_utan_personnummer(t)]
    return brott


def _unikt_namn(insats: Insats) -> list[Overtradelse]:
    """Two insatser of one catalogue never share a name (the database's constraint too)."""
    andra = Insats.objects.filter(katalog_id=insats.katalog_id, namn=insats.namn)
    if insats.pk:
        andra = andra.exclude(pk=insats.pk)
    if not andra.exists():
        return []
    return [
        Overtradelse(
            kod="namn_finns",
            meddelande="Det finns redan en insats med det namnet i katalogen.",
            regel="",
            falt="namn",
        )
    ]


def _spara(insats: Insats) -> None:
    """Save; a name taken by a colleague in the same moment is told as the rule says."""
    try:
        with transaction.atomic():
            insats.save()
    except IntegrityError as e:
        if _unikt_namn(insats):
            raise RegelBrott(_unikt_namn(insats)) from e
        raise


def regeln_last(fore: Insats, efter: Insats) -> list[Overtradelse]:
    """14 kap. 3–5 §§: the documentation rule of an insats with records stays as it is."""
    andras = (
        fore.dokumentationsregel != efter.dokumentationsregel
        or (fore.verksamhetssystem or "").strip() != (efter.verksamhetssystem or "").strip()
    )
    return sol_14_kap_3_5_regeln_last(
        andras=andras, har_registreringar=andras and fore.har_registreringar()
    )


def satt_historik(obj: Any, anvandare: Anvandare | None, orsak: str) -> None:
    obj._history_user = anvandare
    obj._change_reason = orsak


def villkorens_varden(villkor: Iterable[Villkor]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(v, f) for f in Villkor.PARAMETRAR) for v in villkor]


def ersatt_villkor(
    insats: Insats, villkor: Sequence[Villkor], anvandare: Anvandare | None, orsak: str
) -> None:
    """Replace the insats's villkor with these, unless they are the same already."""
    if insats.pk and villkorens_varden(insats.villkor.all()) == villkorens_varden(villkor):
        return
    for gammalt in insats.villkor.all():
        satt_historik(gammalt, anvandare, orsak)
        gammalt.delete()
    for nr, v in enumerate(villkor):
        v.pk = None
        v.insats = insats
        v.ordning = nr
        satt_historik(v, anvandare, orsak)
        v.save()


@transaction.atomic
def skapa_insats(
    *, insats: Insats, villkor: Sequence[Villkor], anvandare: Anvandare | None
) -> Insats:
    """A new insats enters as a draft; the nämnd's decision makes it part of the catalogue."""
    insats.status = Insats.Status.UTKAST
    insats.beslut = None
    _kontrollera(insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False))
    _kontrollera(_unikt_namn(insats))
    if insats.ordning == 0:
        sista = insats.katalog.insatser.order_by("-ordning").values_list("ordning", flat=True)
        insats.ordning = (sista.first() or 0) + 1
    satt_historik(insats, anvandare, "Ny insats")
    _spara(insats)
    ersatt_villkor(insats, villkor, anvandare, "Ny insats")
    return insats


@transaction.atomic
def andra_insats(
    *,
    insats: Insats,
    villkor: Sequence[Villkor],
    anvandare: Anvandare | None,
    beslut: Beslut | None,
    version: int,
    rattelse: str = "",
) -> Insats:
    """Save an edited insats. A decided one changes only under a recorded board decision:
    a new decision, which then stands as its latest and applies from its effective date, or
    a correction (`rattelse`, the reason) of the decision it stands under, which applies from
    that decision's date (insatser.historik)."""
    aktuell = (
        Insats.objects.select_related("beslut").select_for_update(of=("self",)).get(pk=insats.pk)
    )
    if aktuell.version != version:
        raise SamtidigAndring
    rattelse = rattelse.strip()
    if rattelse:
        beslut = aktuell.beslut
    _kontrollera(
        sol_11_kap_5_beslutets_tid(
            rattelse=bool(rattelse),
            galler_fran=beslut.galler_fran if beslut else None,
            i_kraft_sedan=aktuell.beslut.galler_fran if aktuell.beslut else None,
            forsta_beslut=aktuell.status == Insats.Status.UTKAST,
            okant=bool(aktuell.beslut and aktuell.beslut.okant),
            idag=datetime.date.today(),
        )
    )
    _kontrollera(
        sol_11_kap_5_beslut_kravs_for_andring(status=aktuell.status, har_beslut=beslut is not None)
    )
    beslutad = aktuell.status != Insats.Status.UTKAST
    _kontrollera(insatsens_regelbrott(insats, villkor, ska_vara_beslutad=beslutad))
    _kontrollera(regeln_last(aktuell, insats))
    _kontrollera(_unikt_namn(insats))
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
    _spara(insats)
    # After the insats: a version's villkor are those saved before its next version.
    ersatt_villkor(insats, villkor, anvandare, orsak[:100])
    return insats


@transaction.atomic
def besluta_insatser(
    *, insatser: Iterable[Insats], beslut: Beslut, anvandare: Anvandare | None
) -> list[Insats]:
    """The nämnd decides drafts: they become part of the published catalogue from the
    decision's date (or the date already set)."""
    beslutade = []
    brott: list[Overtradelse] = []
    for insats in insatser:
        insats = Insats.objects.select_for_update().get(pk=insats.pk)
        villkor = list(insats.villkor.all())
        for o in insatsens_regelbrott(insats, villkor, ska_vara_beslutad=True):
            brott.append(
                Overtradelse(
                    kod=o.kod,
                    meddelande=f"{insats.namn}: {o.meddelande}",
                    regel=o.regel,
                    falt=o.falt,
                )
            )
        insats.status = Insats.Status.BESLUTAD
        insats.beslut = beslut
        insats.rattelse = ""
        insats.giltig_fran = max(d for d in (insats.giltig_fran, beslut.galler_fran) if d)
        insats.giltig_till = None
        insats.version += 1
        beslutade.append(insats)
    _kontrollera(brott)
    for insats in beslutade:
        satt_historik(insats, anvandare, f"Beslutad: {beslut}")
        insats.save()
    return beslutade


@transaction.atomic
def upphora_insats(
    *, insats: Insats, beslut: Beslut, anvandare: Anvandare | None, sista_dag: datetime.date
) -> Insats:
    """The nämnd ends an insats. It stays in the register (and its history) for good."""
    insats = (
        Insats.objects.select_related("beslut").select_for_update(of=("self",)).get(pk=insats.pk)
    )
    _kontrollera(beslutets_tid(insats, beslut))
    insats.status = Insats.Status.UPPHORD
    insats.beslut = beslut
    insats.rattelse = ""
    insats.giltig_till = sista_dag
    insats.version += 1
    satt_historik(insats, anvandare, f"Upphör: {beslut}")
    insats.save()
    return insats


def beslutets_tid(insats: Insats, beslut: Beslut) -> list[Overtradelse]:
    """sol_11_kap_5_beslutets_tid for a decided insats and a new decision about it."""
    return sol_11_kap_5_beslutets_tid(
        rattelse=False,
        galler_fran=beslut.galler_fran,
        i_kraft_sedan=insats.beslut.galler_fran if insats.beslut else None,
        forsta_beslut=False,
        okant=False,
        idag=datetime.date.today(),
    )


def har_varit_beslutad(insats: Insats) -> bool:
    return bool(insats.history.exclude(status=Insats.Status.UTKAST).exists())


@transaction.atomic
def ta_bort_utkast(*, insats: Insats, anvandare: Anvandare | None) -> None:
    """Only a draft that was never decided may go; an insats that has been used never is."""
    if insats.status != Insats.Status.UTKAST or har_varit_beslutad(insats):
        raise RegelBrott(
            [
                Overtradelse(
                    kod="kan_ej_tas_bort",
                    meddelande="En insats som har varit beslutad tas aldrig bort. Låt den upphöra "
                    "genom ett nämndbeslut i stället.",
                    regel="11 kap. 5 § SoL",
                )
            ]
        )
    ersatt_villkor(insats, [], anvandare, "Utkast borttaget")
    satt_historik(insats, anvandare, "Utkast borttaget")
    insats.delete()


@transaction.atomic
def for_in_beslut(*, beslut: Beslut, anvandare: Anvandare | None) -> Beslut:
    """Record the nämnd's decision in place of an unknown one (a catalogue file imported
    without beslutsdatum). `beslut` carries the decision as the protocol states it. Its
    insatser, in force from the import, are now in force as decided: from the decision's
    effective date when that is earlier (a version marked as a correction, since the decision
    itself is unchanged), and the catalogue's header gets the decision where it lacks one."""
    sparat = Beslut.objects.select_for_update().get(pk=beslut.pk)
    if not sparat.okant:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="beslut_redan_infort",
                    meddelande="Nämndens beslut är redan infört.",
                    regel="11 kap. 5 § SoL",
                )
            ]
        )
    importdag = sparat.datum
    beslut.okant, beslut.registrerat_av = False, anvandare
    if beslut.galler_fran is None or beslut.galler_fran < beslut.datum:
        beslut.galler_fran = beslut.datum
    beslut.save()
    orsak = "Nämndens beslut infört (beslutet var okänt vid importen)"
    for insats in beslut.insatser.filter(
        status=Insats.Status.BESLUTAD, giltig_fran=importdag
    ).select_for_update():
        if beslut.galler_fran >= importdag:
            continue
        insats.giltig_fran = beslut.galler_fran
        insats.rattelse = orsak
        insats.version += 1
        satt_historik(insats, anvandare, orsak[:100])
        insats.save()
    katalog = beslut.katalog
    if katalog.beslutsdatum is None:
        katalog.beslutsdatum = beslut.datum
        katalog.galler_fran = katalog.galler_fran or beslut.galler_fran
        katalog.diarienummer = katalog.diarienummer or beslut.diarienummer or None
        katalog.namnd = katalog.namnd or beslut.organ
        satt_historik(katalog, anvandare, orsak[:100])
        katalog.save()
    return beslut
