"""Every change to the catalogue goes through these functions, one atomic use case each, so that
screens, import and commands all run the same rules (insatser.regler). Here: the rules applied
to an insats as it is saved, a new insats, the nämnd's decision on drafts, a draft removed, an
unknown decision recorded, and the decided changes put in force on their day. Changes to what
is decided, now or from a later day, are in insatser.andringar."""

from __future__ import annotations

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
    Beslut,
    BeslutadAndring,
    Insats,
    Katalog,
    Villkor,
)
from insatser.regler import (
    Overtradelse,
    giltighetstid_fel,
    gruppstorlek_fel,
    katalogtext_utan_personnummer,
    malgrupp_utan_identitet,
    sol_11_kap_5_beslutets_tid,
    sol_11_kap_5_beslutsunderlag,
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


def kontrollera(overtradelser: list[Overtradelse]) -> None:
    if overtradelser:
        raise RegelBrott(overtradelser)


def insatsens_regelbrott(
    insats: Insats, villkor: Sequence[Villkor], *, ska_vara_beslutad: bool
) -> list[Overtradelse]:
    """All catalogue rules for one insats with its villkor, as it is about to be saved."""
    brott = sol_11_kap_5_slag(slag=insats.slag, villkor=villkor)
    brott += sol_11_kap_5_villkor(villkor)
    brott += gruppstorlek_fel(minst=insats.gruppstorlek_min, hogst=insats.gruppstorlek_max)
    brott += giltighetstid_fel(giltig_fran=insats.giltig_fran, giltig_till=insats.giltig_till)
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


def texterna(post: Insats | Katalog) -> list[Overtradelse]:
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
    brott = texterna(insats)
    for nr, v in enumerate(villkor, start=1):
        for f in v._meta.concrete_fields:
            t = getattr(v, f.attname)
            if isinstance(t, str):
                brott += [replace(o, nr=nr) for o in katalogtext_utan_personnummer(t)]
    return brott


def unikt_namn(insats: Insats) -> list[Overtradelse]:
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


def spara(insats: Insats) -> None:
    """Save; a name taken by a colleague in the same moment is told as the rule says."""
    try:
        with transaction.atomic():
            insats.save()
    except IntegrityError as e:
        if unikt_namn(insats):
            raise RegelBrott(unikt_namn(insats)) from e
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
    kontrollera(insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False))
    kontrollera(unikt_namn(insats))
    if insats.ordning == 0:
        sista = insats.katalog.insatser.order_by("-ordning").values_list("ordning", flat=True)
        insats.ordning = (sista.first() or 0) + 1
    satt_historik(insats, anvandare, "Ny insats")
    spara(insats)
    ersatt_villkor(insats, villkor, anvandare, "Ny insats")
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
    kontrollera(brott)
    for insats in beslutade:
        satt_historik(insats, anvandare, f"Beslutad: {beslut}")
        insats.save()
    return beslutade


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
    return brott + unikt_namn(insats)


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
    kontrollera(hinder(andring, aktuell))
    insats = andring.som_insats(aktuell)
    insats.version = aktuell.version + 1
    satt_historik(insats, andring.registrerad_av, orsak)
    spara(insats)
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
