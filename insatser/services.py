"""Every change to the catalogue goes through these functions, one atomic use case each, so that
screens, import and commands all run the same rules (insatser.regler)."""

from __future__ import annotations

import copy
import datetime
import difflib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, cast

from django.db import IntegrityError, connection, transaction
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
    katalogtext_utan_personnummer,
    malgrupp_utan_identitet,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutets_tid,
    sol_11_kap_5_beslutsunderlag,
    sol_11_kap_5_sista_dag,
    sol_11_kap_5_slag,
    sol_11_kap_5_villkor,
    sol_14_kap_3_5_regeln_last,
    sol_14_kap_5_sarskilda_skal,
    verksamhetssystem_utan_identitet,
)
from organisation.models import Anvandare

logger = logging.getLogger(__name__)


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
    brott += malgrupp_utan_identitet(insats.malgrupp)
    # A villkor already refused (an age twice) needs no second message.
    brott += [o for o in _dubbla_villkor(villkor) if o.nr not in {b.nr for b in brott}]
    if ska_vara_beslutad:
        brott += sol_11_kap_5_beslutsunderlag(
            namn=insats.namn, innehall=insats.innehall, malgrupp=insats.malgrupp, slag=insats.slag
        )
        brott += sol_14_kap_5_sarskilda_skal(
            dokumentationsregel=insats.dokumentationsregel,
            motivering=insats.dokumentation_motivering,
        )
    return brott


def _dubbla_villkor(villkor: Sequence[Villkor]) -> list[Overtradelse]:
    """The same villkor twice in one insats (a list copied together from two places) would be
    asked twice in the checklist: the second is named, to be taken away."""
    sedda: dict[tuple[Any, ...], int] = {}
    brott = []
    for nr, varden in enumerate(villkorens_varden(villkor), start=1):
        if varden in sedda:
            brott.append(
                Overtradelse(
                    kod="villkor_dubbelt",
                    meddelande="Samma villkor står två gånger i insatsen (villkor nummer "
                    f"{sedda[varden]} och {nr}). Ta bort det ena.",
                    regel="",
                    nr=nr,
                )
            )
        sedda.setdefault(varden, nr)
    return brott


def _texterna(post: Insats | Katalog) -> list[Overtradelse]:
    """No personnummer in any text of an insats or of the catalogue's own settings (the
    catalogue is public), at the field it stands in."""
    brott = []
    for f in post._meta.concrete_fields:
        varde = getattr(post, f.attname)
        texter = varde if isinstance(varde, list) else [varde]
        for t in texter:
            if isinstance(t, str):
                brott += [replace(o, falt=f.name) for o in katalogtext_utan_personnummer(t)]
    return brott


def _katalogtexter(insats: Insats, villkor: Sequence[Villkor]) -> list[Overtradelse]:
    """No personnummer in any text of the insats or its villkor (the catalogue is public)."""
    brott = _texterna(insats)
    for nr, v in enumerate(villkor, start=1):
        for f in v._meta.concrete_fields:
            t = getattr(v, f.attname)
            if isinstance(t, str):
                brott += [replace(o, nr=nr) for o in katalogtext_utan_personnummer(t)]
    return brott


def _unikt_namn(insats: Insats) -> list[Overtradelse]:
    """Two insatser of one catalogue never share a name (the database's constraint too), nor
    the name a decided change gives another from a later day."""
    andra = Insats.objects.filter(katalog_id=insats.katalog_id, namn=insats.namn)
    vantande = BeslutadAndring.objects.vantande().filter(
        insats__katalog_id=insats.katalog_id, falt__namn=insats.namn
    )
    if insats.pk:
        andra = andra.exclude(pk=insats.pk)
        vantande = vantande.exclude(insats_id=insats.pk)
    if not andra.exists() and not vantande.exists():
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


def regeln_last(fore: Insats, efter: Insats, *, i_forvag: bool = False) -> list[Overtradelse]:
    """14 kap. 3–5 §§: the documentation rule of an insats with records stays as it is, and
    a decided insats's rule is not changed from a later day."""
    andras = (
        fore.dokumentationsregel != efter.dokumentationsregel
        or (fore.verksamhetssystem or "").strip() != (efter.verksamhetssystem or "").strip()
    )
    return sol_14_kap_3_5_regeln_last(
        andras=andras,
        har_registreringar=andras and not i_forvag and fore.har_registreringar(),
        i_forvag=i_forvag,
    )


def satt_historik(obj: Any, anvandare: Anvandare | None, orsak: str) -> None:
    obj._history_user = anvandare
    obj._change_reason = orsak


def villkorens_varden(villkor: Iterable[Villkor]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(v, f) for f in Villkor.PARAMETRAR) for v in villkor]


def ersatt_villkor(
    insats: Insats, villkor: Sequence[Villkor], anvandare: Anvandare | None, orsak: str
) -> None:
    """Replace the insats's villkor with these, writing one history row per villkor that
    changes: a villkor left as it was keeps its row (and its place, unless the villkor before
    it moved past it), one rewritten in its place is updated, one left out is deleted and a new
    one created. insatser.historik reads the set back from the rows by id and ordning."""
    gamla = list(insats.villkor.all()) if insats.pk else []
    if gamla and villkorens_varden(gamla) == villkorens_varden(villkor):
        return
    # Which old villkor each new one is: the same values in the same order are kept, and a
    # villkor rewritten in place (as many before as after) is the same row, changed.
    rader: list[Villkor | None] = [None] * len(villkor)
    andrade: set[int] = set()
    matchning = difflib.SequenceMatcher(
        a=villkorens_varden(gamla), b=villkorens_varden(villkor), autojunk=False
    )
    for op, a1, a2, b1, b2 in matchning.get_opcodes():
        if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
            for i, j in zip(range(a1, a2), range(b1, b2), strict=True):
                rader[j] = gamla[i]
                if op == "replace":
                    andrade.add(j)
    behalls = {id(r) for r in rader if r is not None}
    for gammalt in gamla:
        if id(gammalt) not in behalls:
            satt_historik(gammalt, anvandare, orsak)
            gammalt.delete()
    forra = -1
    for nr, (v, rad) in enumerate(zip(villkor, rader, strict=True)):
        if rad is None:
            v.pk = None
            v.insats = insats
            v.ordning = forra + 1
            satt_historik(v, anvandare, orsak)
            v.save()
            forra = v.ordning
            continue
        ordning = rad.ordning if rad.ordning > forra else forra + 1
        if nr in andrade or ordning != rad.ordning:
            for f in Villkor.PARAMETRAR:
                setattr(rad, f, getattr(v, f))
            rad.ordning = ordning
            satt_historik(rad, anvandare, orsak)
            rad.save()
        forra = ordning


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
    _kontrollera(
        sol_11_kap_5_beslutets_tid(
            rattelse=bool(rattelse),
            galler_fran=beslut.galler_fran if beslut else None,
            i_kraft_sedan=aktuell.beslut.galler_fran if aktuell.beslut else None,
            forsta_beslut=aktuell.status == Insats.Status.UTKAST,
            okant=bool(aktuell.beslut and aktuell.beslut.okant),
            vantande_fran=vantande.galler_fran if vantande else None,
        )
    )
    _kontrollera(
        sol_11_kap_5_beslut_kravs_for_andring(status=aktuell.status, har_beslut=beslut is not None)
    )
    beslutad = aktuell.status != Insats.Status.UTKAST
    dag = galler_fran(insats.giltig_fran, beslut) if beslutad and not rattelse else None
    i_forvag = beslut is not None and dag is not None and dag > idag
    _kontrollera(insatsens_regelbrott(insats, villkor, ska_vara_beslutad=beslutad))
    _kontrollera(regeln_last(aktuell, insats, i_forvag=i_forvag))
    _kontrollera(_unikt_namn(insats))
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
    _spara(insats)
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
    if not falt and nya_villkor is None:
        raise RegelBrott(
            [
                Overtradelse(
                    kod="andrar_ingenting",
                    meddelande="Beslutet ändrar ingenting i insatsen. Ändra det som nämnden "
                    "beslutade, eller välj inget beslut för en rättelse.",
                    regel="",
                )
            ]
        )
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
    _kontrollera(beslutets_tid(insats, beslut))
    _kontrollera(sol_11_kap_5_sista_dag(sista_dag=sista_dag, galler_fran=beslut.galler_fran))
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
    _kontrollera(_texterna(katalog))
    aktuell = Katalog.objects.select_for_update().get(pk=katalog.pk)
    if beslut is not None:
        vantande = aktuell.beslutade_andringar.vantande().first()
        _kontrollera(
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
            if not falt:
                raise RegelBrott(
                    [
                        Overtradelse(
                            kod="andrar_ingenting",
                            meddelande="Beslutet ändrar ingenting i katalogens uppgifter. Ändra "
                            "det som nämnden beslutade, eller välj inget beslut för en rättelse.",
                            regel="",
                            falt="beslut",
                        )
                    ]
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


def beslutets_tid(insats: Insats, beslut: Beslut) -> list[Overtradelse]:
    """sol_11_kap_5_beslutets_tid for a decided insats and a new decision about it."""
    vantande = insats.beslutade_andringar.vantande().first()
    return sol_11_kap_5_beslutets_tid(
        rattelse=False,
        galler_fran=beslut.galler_fran,
        i_kraft_sedan=insats.beslut.galler_fran if insats.beslut else None,
        forsta_beslut=False,
        okant=False,
        vantande_fran=vantande.galler_fran if vantande else None,
    )


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


def verkstall_beslut(idag: datetime.date | None = None) -> int:
    """Put in force in the register every decided change whose day has come: the insats's
    live row becomes the decided version, saved under its decision (so insatser.historik
    shows it from the decision's date). Idempotent, and safe with several workers at once:
    each change is applied under its row lock and only while still waiting. Returns how many
    were applied. Run daily (manage.py verkstall_beslut); reads also call it, once a day per
    process (verkstall_om_dags)."""
    idag = idag or idag_lokalt()
    antal = 0
    for pk in list(BeslutadAndring.objects.forfallna(idag).values_list("pk", flat=True)):
        try:
            antal += _verkstall(pk, idag)
        except (IntegrityError, RegelBrott):
            # Nothing of it was written; it waits, is logged, and is tried again tomorrow.
            logger.exception("Den beslutade ändringen %s kunde inte sättas i kraft", pk)
    return antal


def hinder(
    andring: BeslutadAndring,
    aktuell: Insats | None = None,
    *,
    grundvillkor: list[Villkor] | None = None,
) -> list[Overtradelse]:
    """Why a decided change of an insats cannot be put in force on `aktuell` (the register's
    insats, or a correction of it about to be saved, with `grundvillkor`) – empty when it can:
    the catalogue's rules on the version it makes, its name, and the utförare it names."""
    if andring.insats_id is None:
        return []
    aktuell = aktuell or Insats.objects.get(pk=andring.insats_id)
    insats = andring.som_insats(aktuell)
    brott = []
    if andring.falt.get("utforare_id") and insats.utforare is None:
        brott.append(
            Overtradelse(
                kod="utforare_finns_inte",
                meddelande="Utföraren som beslutet anger finns inte längre i registret.",
                regel="",
                falt="utforare",
            )
        )
    villkor = andring.som_villkor(
        grundvillkor if grundvillkor is not None else list(aktuell.villkor.all())
    )
    brott += insatsens_regelbrott(
        insats, villkor, ska_vara_beslutad=insats.status == Insats.Status.BESLUTAD
    )
    return brott + _unikt_namn(insats)


@transaction.atomic
def _verkstall(pk: int, idag: datetime.date) -> int:
    # Locked and read again: another worker may have applied it since it was listed.
    andring = (
        BeslutadAndring.objects.forfallna(idag)
        .select_related("beslut", "registrerad_av")
        .select_for_update(of=("self",))
        .filter(pk=pk)
        .first()
    )
    if andring is None:
        return 0
    orsak = f"Beslut {andring.beslut} i kraft från {andring.galler_fran.isoformat()}"[:100]
    if andring.katalog_id is not None:
        katalog = andring.som_katalog(
            Katalog.objects.select_for_update().get(pk=andring.katalog_id)
        )
        satt_historik(katalog, andring.registrerad_av, orsak)
        katalog.save()
        andring.verkstalld = timezone.now()
        andring.save(update_fields=["verkstalld"])
        return 1
    aktuell = Insats.objects.select_for_update().get(pk=cast(int, andring.insats_id))
    # The rules again, on what it makes of the register as it stands today: a correction
    # meanwhile, a name taken, an utförare removed. Refused, it waits and the insats page
    # says why (hinder), until the secretary withdraws or corrects.
    _kontrollera(hinder(andring, aktuell))
    insats = andring.som_insats(aktuell)
    insats.version = aktuell.version + 1
    satt_historik(insats, andring.registrerad_av, orsak)
    _spara(insats)
    if andring.villkor is not None:
        ersatt_villkor(insats, andring.som_villkor([]), andring.registrerad_av, orsak)
    andring.verkstalld = timezone.now()
    andring.save(update_fields=["verkstalld"])
    return 1


# The day up to which this process has applied what was due. A waiting change is always for
# a day after the one it was entered (the CHECK beslutad_andring_galler_senare), so once
# today's due changes are applied nothing more falls due before tomorrow: one cheap query
# per process and day, none on the other requests.
_verkstallt_till: datetime.date | None = None


def verkstall_om_dags(idag: datetime.date | None = None) -> int:
    """verkstall_beslut the first time a process reads the catalogue on a day (the daily
    command may not have run yet): an indexed EXISTS, and the changes if any are due."""
    global _verkstallt_till
    idag = idag or idag_lokalt()
    if _verkstallt_till is not None and _verkstallt_till >= idag:
        return 0
    try:
        antal = verkstall_beslut(idag) if BeslutadAndring.objects.forfallna(idag).exists() else 0
    except Exception:
        # On a reader's request, of anyone's page: whatever stops a change from being put in
        # force must not stop the page. Logged; the daily command tries again and says so.
        logger.exception("Beslutade ändringar kunde inte sättas i kraft")
        antal = 0
    # What was applied inside a transaction is undone if it rolls back: then the next read
    # of the day looks once more (and finds nothing due if it was committed).
    if antal == 0 or not connection.in_atomic_block:
        _verkstallt_till = idag
    return antal


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
