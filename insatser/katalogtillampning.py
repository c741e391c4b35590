"""Writing a checked catalogue file into the register (insatser.katalogfil.importera_katalog
checks it first): the header and its decision, each insats new, changed, decided again or
ended, its utförare, and what the import tells the secretary (Importresultat). Raising
OgiltigKatalogfil here rolls every write back."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from grund.tid import idag
from insatser import andringar, services
from insatser.katalogformat import (
    HUVUDFALT,
    HUVUDFALT_V2,
    Post,
    exportera_insats,
)
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.katalogmatchning import Utforarna, med_mellanslag, samma_insats
from insatser.katalogvarden import tolka_datum
from insatser.models import Beslut, BeslutadAndring, Insats, Katalog, galler_fran
from insatser.nya_insatser import NyaInsatser
from insatser.regler import (
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_14_kap_5_sarskilda_skal,
)
from organisation.models import Anvandare, Utforare

# A file without beslutsdatum: the decision recorded as unknown (see tillampa).
OKANT_ORGAN = "Okänt beslut"
_OKANT_ORSAK = "Import av katalogfil utan beslutsdatum (okänt beslut)"
# A file that changes an insats under the decision it already stands under corrects it.
_RATTAD = "Rättad genom import av katalogfil med samma beslut"


@dataclass
class Importresultat:
    katalog: Katalog
    nya: list[str] = field(default_factory=list)
    andrade: list[str] = field(default_factory=list)
    upphorda: list[str] = field(default_factory=list)
    borttagna: list[str] = field(default_factory=list)
    # Ended insatser the file's decision decides again (see _besluta_igen).
    beslutade_igen: list[str] = field(default_factory=list)
    nya_utforare: list[str] = field(default_factory=list)
    okant_beslut: Beslut | None = None
    varningar: list[str] = field(default_factory=list)

    @property
    def beslut_okant(self) -> bool:
        """Whether insatser of this import came in force under an unknown decision."""
        return self.okant_beslut is not None

    @property
    def oforandrad(self) -> bool:
        return not (
            self.nya or self.andrade or self.upphorda or self.borttagna or self.beslutade_igen
        )


def filens_falt(insats: Insats, post: Post) -> dict[str, Any]:
    """What a file sets on an insats already in the register: every field it states, except
    the kind where the file states none (version 1 has no place for it) and the secretary has
    classified the insats – that classification stands, whichever way the import writes."""
    return {
        n: v
        for n, v in post.falt.items()
        if not (n == "slag" and insats.slag and not post.slag_angivet)
    }


def _knyt_utforare(
    ref: dict[str, Any],
    stig: str,
    resultat: Importresultat,
    fel: list[str],
    utforarna: Utforarna,
) -> Utforare | None:
    """The utförare a version 2 reference names: by organisationsnummer where the file gives
    one, else by the exact name; created when it does not exist and the file states its regi.
    An utförare already in the register is never changed by a catalogue file: it may serve
    other municipalities, whose secretaries the file does not speak for, so a differing regi
    or organisationsnummer is only reported (the systemadministratör changes it); a number
    that contradicts the register's for the same name is refused."""
    namn, regi, orgnr = ref["namn"], ref["regi"], ref["organisationsnummer"]
    utforare = None
    if orgnr:
        utforare = Utforare.objects.filter(organisationsnummer=orgnr).first()
    if utforare is None:
        utforare = utforarna.med_namn(namn)
        if utforare and orgnr and utforare.organisationsnummer not in (None, orgnr):
            fel.append(
                f"{stig}.organisationsnummer: utföraren ”{namn}” finns i registret med "
                f"organisationsnumret {utforare.organisationsnummer}, inte {orgnr}."
            )
            return None
    if utforare is None:
        if not regi:
            resultat.varningar.append(
                f"{stig}: utföraren ”{namn}” finns inte i registret och filen anger inte "
                "regiformen; insatsen är inte knuten till någon utförare."
            )
            return None
        utforare = Utforare.objects.create(namn=namn, regi=regi, organisationsnummer=orgnr)
        utforarna.ny(utforare)
        resultat.nya_utforare.append(namn)
        return utforare
    skillnader = [
        vad
        for vad, i_filen, i_registret in (
            ("regiform", regi, utforare.regi),
            ("organisationsnummer", orgnr, utforare.organisationsnummer),
        )
        if i_filen and i_filen != i_registret
    ]
    if skillnader:
        resultat.varningar.append(
            f"{stig}: filen anger en annan {' och '.join(skillnader)} för utföraren "
            f"”{utforare.namn}” än registret. Utföraren är inte ändrad; be "
            "systemadministratören ändra den om filen har rätt."
        )
    return utforare


def _besluta_igen(
    insats: Insats,
    post: Post,
    ordning: int,
    utforare: Utforare | None,
    beslut: Beslut,
    anvandare: Anvandare | None,
    stig: str,
) -> list[str]:
    """An ended insats in a newly decided catalogue: the board decides it again, as the file
    now describes it, from the day the decision takes effect (_upphorda_kommer_tillbaka has
    checked that this is after it ended). A new version of the same insats: its history, the
    period it was in force before and its participants stay with it, and nothing of the old
    period is rewritten (the versions before this one keep their dates)."""
    if fel := services.beslutets_tid(insats, beslut):
        return [f"{stig}: ”{insats.namn}”: {o.meddelande}" for o in fel]
    ny = Insats(**post.falt)
    if last := services.regeln_last(insats, ny):
        return [f"{stig}.dokumentation: {o.meddelande}" for o in last]
    for n, v in filens_falt(insats, post).items():
        setattr(insats, n, v)
    insats.utforare = utforare or insats.utforare
    insats.ordning = ordning
    insats.status, insats.beslut, insats.rattelse = Insats.Status.BESLUTAD, beslut, ""
    insats.giltig_fran, insats.giltig_till = beslut.galler_fran, None
    insats.version += 1
    orsak = f"Beslutad igen genom import av katalogfil ({beslut})"
    services.satt_historik(insats, anvandare, orsak)
    insats.save()
    services.ersatt_villkor(insats, post.villkor, anvandare, orsak)
    return []


def _upphor_i_forvag(
    insats: Insats, vantar: BeslutadAndring | None, beslut: Beslut | None, stig: str
) -> str | None:
    """An insats decided to end on a later day (its end waits, andringar.upphora_insats) that
    a file of another decision names again is not brought back by it: an insats has at most
    one waiting change, and the file's content may well be the same as today's, so the end
    would happen silently all the same. Refused, saying how: the file after the insats has
    ended (then it comes back from the file's day, _besluta_igen), or the end revoked first.
    The same decision again (the file that ended it) is not this case."""
    if (
        vantar is None
        or vantar.falt.get("status") != Insats.Status.UPPHORD
        or (beslut is not None and vantar.beslut_id == beslut.pk)
    ):
        return None
    sista = vantar.galler_fran - datetime.timedelta(days=1)
    return (
        f"{stig}.namn: insatsen ”{insats.namn}” upphör efter {sista.isoformat()} enligt "
        f"nämndens beslut {vantar.beslut}, som ännu inte har börjat gälla. Ett nytt beslut kan "
        "inte föra tillbaka den innan den har upphört. Importera filen från och med "
        f"{vantar.galler_fran.isoformat()} (då beslutas insatsen igen från filens dag), eller "
        "återkalla upphörandet på insatsens sida först."
    )


@transaction.atomic
def tillampa(
    data: dict[str, Any],
    version: int,
    poster: list[Post],
    anvandare: Anvandare | None,
) -> Importresultat:
    """Write the checked file. Raising OgiltigKatalogfil here rolls every write back."""
    katalog, _ = Katalog.objects.select_for_update().get_or_create(kommun=data["kommun"])
    huvud = {n: data.get(n) for n in HUVUDFALT}
    huvud["allmanna_villkor"] = huvud["allmanna_villkor"] or []
    huvud["beslutsdatum"] = tolka_datum(huvud["beslutsdatum"])
    huvud["galler_fran"] = tolka_datum(huvud["galler_fran"])
    if version == 2:
        huvud |= {modell: bool(data.get(n)) for n, modell in HUVUDFALT_V2.items()}
    # The header as the file states it; `katalog` stays the register's row.
    filens = copy.copy(katalog)
    for n, v in huvud.items():
        setattr(filens, n, v)

    beslut = None
    if filens.beslutsdatum:
        beslut, _ = Beslut.objects.get_or_create(
            katalog=katalog,
            organ=filens.namnd or "Nämnden",
            datum=filens.beslutsdatum,
            diarienummer=filens.diarienummer or "",
            okant=False,
            defaults={
                "rubrik": "Riktlinje för insatser utan individuell behovsprövning",
                "registrerat_av": anvandare,
                # The guideline's "gäller från" is its decision's effective date.
                "galler_fran": max(d for d in (filens.galler_fran, filens.beslutsdatum) if d),
            },
        )
    if any(getattr(katalog, n) != v for n, v in huvud.items()):
        vantar = katalog.beslutade_andringar.vantande().first()
        if (
            vantar is not None
            and beslut is not None
            and vantar.beslut_id == beslut.pk
            and vantar.falt == andringar.katalogens_beslutade_falt(katalog, filens)
        ):
            pass  # the same file again: its header already waits for its day
        elif beslut is not None and beslut.galler_fran > idag() and katalog.beslutsdatum:
            # Decided for a later day: the header waits with the insatser's changes
            # (a BeslutadAndring of the catalogue, put in force by verkstall_beslut). A
            # catalogue with no decided header yet (a new municipality) takes it at once.
            try:
                andringar.andra_katalog(katalog=filens, beslut=beslut, anvandare=anvandare)
            except services.RegelBrott as e:
                raise OgiltigKatalogfil([f"$: {o.meddelande}" for o in e.overtradelser]) from e
        else:
            for n, v in huvud.items():
                setattr(katalog, n, v)
            services.satt_historik(katalog, anvandare, "Import av katalogfil")
            katalog.save()
    okant: Beslut | None = None

    def okant_beslut() -> Beslut:
        """A file without beslutsdatum: its insatser apply from today under a decision
        recorded as unknown, flagged until the secretary records the nämnd's decision."""
        nonlocal okant
        if okant is None:
            okant, _ = Beslut.objects.get_or_create(
                katalog=katalog,
                okant=True,
                datum=idag(),
                defaults={
                    "organ": OKANT_ORGAN,
                    "rubrik": "Katalogfil importerad utan beslutsdatum",
                    "registrerat_av": anvandare,
                },
            )
            resultat.okant_beslut = okant
        return okant

    resultat = Importresultat(katalog=katalog)
    fel: list[str] = []
    gallande = list(katalog.insatser.gallande().select_for_update())
    upphorda = list(katalog.insatser.filter(status=Insats.Status.UPPHORD).select_for_update())
    # What the file does not name: ended by its decision (below).
    befintliga = {i.pk: i for i in gallande}
    vantande_slut = {
        a.insats_id: a
        for a in BeslutadAndring.objects.vantande()
        .filter(insats__katalog=katalog, falt__status=Insats.Status.UPPHORD)
        .select_related("beslut")
    }
    orsak = f"Import av katalogfil ({beslut})" if beslut else "Import av katalogfil"

    utforarna = Utforarna()
    nya = NyaInsatser()
    for ordning, post in enumerate(poster, start=1):
        falt, villkor = post.falt, post.villkor
        stig = f"$.insatser[{ordning - 1}]"
        # By its name as the import reads it (samma_insats): a name saved with other spaces
        # is the same insats, so the same file again is no change.
        insats = samma_insats(falt["namn"], gallande)
        if insats is not None:
            befintliga.pop(insats.pk)
        else:
            insats = samma_insats(falt["namn"], upphorda)
        if insats is not None:
            nya.skriv()  # the new ones before it first, as the file orders them
        namn = falt["namn"]
        if sol_14_kap_5_sarskilda_skal(
            dokumentationsregel=falt["dokumentationsregel"],
            motivering=falt["dokumentation_motivering"],
        ) and (
            # Once, as for the kind below: by the import that brings the missing reasons in (a
            # new insats, or a file that takes away the reasons the catalogue had).
            insats is None
            or not sol_14_kap_5_sarskilda_skal(
                dokumentationsregel=insats.dokumentationsregel,
                motivering=insats.dokumentation_motivering,
            )
        ):
            resultat.varningar.append(
                f"{namn}: beslutet om undantag enligt 14 kap. 5 § saknar motivering (särskilda "
                "skäl). Insatsen är markerad tills motiveringen har lagts till."
            )
        if not falt["slag"] and insats is None:
            # Once: an insats already in the catalogue without a kind is marked there since the
            # import that brought it, and the same file again would only repeat this.
            resultat.varningar.append(
                f"{namn}: ange vilket slags insats det är. Filen säger det inte och namnet räcker "
                "inte för ett förslag; insatsen är markerad tills den har ett slag."
            )
        utforare = None
        if post.utforare is not None:
            utforare = _knyt_utforare(post.utforare, f"{stig}.utforare", resultat, fel, utforarna)
        elif version == 1 and falt["utforare_text"]:
            utforare = utforarna.med_namn(falt["utforare_text"])
        elif insats is not None:
            # Version 2 without a reference: not stated, so the secretary's link stands.
            utforare = insats.utforare
        if insats is not None and (
            fel_upphor := _upphor_i_forvag(insats, vantande_slut.get(insats.pk), beslut, stig)
        ):
            fel.append(fel_upphor)
            continue
        if insats is not None and insats.status == Insats.Status.UPPHORD:
            if beslut is None:  # refused by _upphorda_kommer_tillbaka already
                fel.append(f"{stig}.namn: insatsen ”{insats.namn}” har upphört i katalogen.")
                continue
            fel += _besluta_igen(insats, post, ordning, utforare, beslut, anvandare, stig)
            resultat.beslutade_igen.append(namn)
            continue
        if insats is None:
            insats = Insats(katalog=katalog, ordning=ordning, **falt)
            insats.utforare = utforare
            insats.status, insats.beslut = Insats.Status.BESLUTAD, beslut or okant_beslut()
            insats.giltig_fran = filens.galler_fran or beslut.datum if beslut else idag()
            services.satt_historik(insats, anvandare, orsak if beslut else _OKANT_ORSAK)
            nya.lagg_till(insats, villkor)  # written with the next ones (nya_insatser)
            resultat.nya.append(namn)
            continue
        if insats.ordning != ordning:
            Insats.objects.filter(pk=insats.pk).update(ordning=ordning)
        ny = Insats(**falt)
        if med_mellanslag(insats.namn) == ny.namn:
            ny.namn = insats.namn  # spaces only: the same name to a reader, not a change
        if version == 2:
            ny.utforare = utforare
            if not post.slag_angivet:
                ny.slag = insats.slag or ny.slag
        oforandrad = exportera_insats(insats, version=version) == exportera_insats(
            ny, villkor, version=version
        )
        blir_beslutad = insats.status == Insats.Status.UTKAST
        if oforandrad and not blir_beslutad:
            continue
        kravs = sol_11_kap_5_beslut_kravs_for_andring(
            status=insats.status, har_beslut=beslut is not None
        )
        fel += [f"{stig}: ”{namn}”: {o.meddelande} Filen saknar beslutsdatum." for o in kravs]
        if kravs:
            continue
        # A decision that takes effect on a later day changes a decided insats from that day
        # (andringar.spara_beslutad_andring); the same decision again corrects it now.
        dag = galler_fran(insats.giltig_fran, beslut)
        i_forvag = (
            beslut is not None
            and dag is not None
            and insats.status != Insats.Status.UTKAST
            and insats.beslut_id != beslut.pk
            and dag > idag()
        )
        fore = copy.copy(insats)
        last = services.regeln_last(insats, ny, i_forvag=i_forvag)
        fel += [f"{stig}.dokumentation: {o.meddelande}" for o in last]
        if last:
            continue
        for n, v in filens_falt(insats, post).items():
            setattr(insats, n, v)
        if version == 2 or insats.utforare is None:
            insats.utforare = utforare
        if insats.status == Insats.Status.UTKAST:
            insats.status, insats.beslut = Insats.Status.BESLUTAD, beslut or okant_beslut()
            insats.giltig_fran = insats.giltig_fran or (
                filens.galler_fran or beslut.datum if beslut else idag()
            )
        elif beslut:
            vantar = insats.beslutade_andringar.vantande().first()
            if (
                i_forvag
                and vantar is not None
                and vantar.beslut_id == beslut.pk
                and (vantar.falt, vantar.villkor) == andringar.beslutade_falt(fore, insats, villkor)
            ):
                continue  # the same file again: its change already waits for its day
            # The same decision again is a correction of what it says (from its date); an
            # older one than the version in force decides nothing over it.
            tid = services.beslutets_tid(insats, beslut)
            fel += [f"{stig}: ”{namn}”: {o.meddelande}" for o in tid]
            if tid:
                continue
            if i_forvag and dag is not None:
                andringar.spara_beslutad_andring(
                    fore=fore,
                    efter=insats,
                    villkor=villkor,
                    beslut=beslut,
                    dag=dag,
                    anvandare=anvandare,
                    idag=idag(),
                )
                resultat.andrade.append(insats.namn)
                continue
            insats.rattelse = _RATTAD if insats.beslut_id == beslut.pk else ""
            insats.beslut = beslut
            insats.giltig_fran = insats.giltig_fran or filens.galler_fran or beslut.datum
        if (
            insats.namn != fore.namn
            and katalog.insatser.filter(namn=insats.namn).exclude(pk=insats.pk).exists()
        ):
            fel.append(
                f"{stig}.namn: insatsen ”{fore.namn}” kan inte byta namn till ”{insats.namn}”, "
                "som en annan insats i katalogen har (också en som har upphört)."
            )
            continue
        insats.version += 1
        services.satt_historik(insats, anvandare, orsak if beslut else _OKANT_ORSAK)
        insats.save()
        # After the insats: a version's villkor are those saved before its next version.
        services.ersatt_villkor(insats, villkor, anvandare, orsak if beslut else _OKANT_ORSAK)
        resultat.andrade.append(insats.namn)

    nya.skriv()
    for insats in befintliga.values():
        if insats.status == Insats.Status.UTKAST and not services.har_varit_beslutad(insats):
            services.ta_bort_utkast(insats=insats, anvandare=anvandare)
            resultat.borttagna.append(insats.namn)
        elif beslut is None:
            fel.append(
                f"$.insatser: ”{insats.namn}” är beslutad men saknas i filen; den kan "
                "bara upphöra genom ett nämndbeslut, och filen saknar beslutsdatum."
            )
        elif (
            (vantar := insats.beslutade_andringar.vantande().first()) is not None
            and vantar.beslut_id == beslut.pk
            and vantar.falt.get("status") == Insats.Status.UPPHORD
        ):
            continue  # the same file again: its end already waits for its day
        elif tid := services.beslutets_tid(insats, beslut):
            fel += [f"$.insatser: ”{insats.namn}”: {o.meddelande}" for o in tid]
        else:
            # In force up to the day before the decision takes effect (its date at the
            # earliest, as before decisions had an effective date of their own).
            sista_dag = max(beslut.datum, beslut.galler_fran - datetime.timedelta(days=1))
            andringar.upphora_insats(
                insats=insats, beslut=beslut, anvandare=anvandare, sista_dag=sista_dag
            )
            resultat.upphorda.append(insats.namn)
    if fel:
        raise OgiltigKatalogfil(fel)
    return resultat
