"""Import and export of a whole catalogue in the interchange format (DESIGN.md §6).

Two versions: a file with `"version": 2` is version 2 (katalog.v2.schema.json), one without
the key version 1 (katalog.schema.json), which keeps importing unchanged. The file is checked
against its JSON Schema (with the jsonschema library), then against the catalogue's legal
rules; an invalid file is refused whole, every problem named by its JSON path, and nothing is
written. Export after import gives the same JSON (after sorting keys), in either version.
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from grund.tid import idag
from insatser import andringar, services
from insatser.katalogformat import (
    HUVUDFALT,
    HUVUDFALT_V2,
    Post,
    exportera_insats,
    formatversion,
    insats_fran_fil,
)
from insatser.katalogkontroll import (
    SURROGAT,
    OgiltigKatalogfil,
    datumen,
    egen_kommun,
    for_langt_eller_nul,
    kommunen_finns_redan,
    las_katalogfil,
    tolka_datum,
    utan_bokstaver,
)
from insatser.models import Beslut, BeslutadAndring, Insats, Katalog, galler_fran
from insatser.regler import (
    SLAG_ALDRIG_IUB,
    SLAG_BOENDE_FOR_VUXNA,
    Overtradelse,
    foreslaget_slag_och_ord,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_14_kap_5_sarskilda_skal,
)
from organisation.models import Anvandare, Kommun, Utforare

# A file without beslutsdatum: the decision recorded as unknown (see _tillampa).
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


# ---------------------------------------------------------------- import

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash and minus: one dash to a reader.
_STRECK = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212-]")


def _med_mellanslag(namn: str) -> str:
    """The name as the import reads it (kalkylark.stadad): one space between words."""
    return " ".join(namn.split())


def _likadant(namn: str) -> str:
    """Names that differ only in case, spaces or the kind of dash (a spreadsheet's "0-17"
    beside a typed "0–17") look the same to a resident."""
    return _STRECK.sub("-", _med_mellanslag(namn.casefold()))


def samma_insats(namn: str, insatser: list[Insats]) -> Insats | None:
    """The insats of the catalogue a file's (normalised) name is: the one of exactly that
    name, else of that name but for spaces (a name saved before the import normalised
    them, with a non-breaking space or two spaces), else of that name but for case and the
    kind of dash. None when no insats is it, or two are equally (a new insats then)."""
    for nyckel in (str, _med_mellanslag, _likadant):
        traffar = [i for i in insatser if nyckel(i.namn) == nyckel(namn)]
        if len(traffar) == 1:
            return traffar[0]
        if traffar:
            return None
    return None


def importera_katalog(
    innehall: bytes | str,
    *,
    anvandare: Anvandare | None,
    kommuner: QuerySet[Kommun] | None = None,
) -> Importresultat:
    """Import a whole catalogue file, or refuse it whole (OgiltigKatalogfil). `kommuner`: the
    municipalities the file may be for (a nämndsekreterare's own); None for the command line,
    run by whoever runs the installation."""
    data, fel, hela = las_katalogfil(innehall)
    if hela is None:
        raise OgiltigKatalogfil(fel, data)
    version = formatversion(data) or 1
    # A path the schema already refused needs no second message about the same value.
    schemastigar = {f.split(":")[0] for f in fel}
    fel += [
        f
        for f in for_langt_eller_nul(data, "$") + utan_bokstaver(data, hela) + datumen(data)
        if f.split(":")[0] not in schemastigar
    ] or (kommunen_finns_redan(data) or egen_kommun(data, kommuner))
    poster = {nr: insats_fran_fil(data["insatser"][nr], version) for nr in sorted(hela)}
    fel += _upphorda_kommer_tillbaka(data, poster)
    namn_sedda: dict[str, int] = {}
    for nr, post in poster.items():
        falt, villkor = post.falt, post.villkor
        stig = f"$.insatser[{nr}]"
        likadant = _likadant(falt["namn"])
        if likadant in namn_sedda:
            forsta = namn_sedda[likadant]
            andra = poster[forsta].falt["namn"]
            skiljer = (
                "bara stora och små bokstäver eller mellanslag skiljer"
                if " ".join(andra.casefold().split()) == " ".join(falt["namn"].casefold().split())
                else "bara sorten av streck, - eller –, skiljer"
            )
            fel.append(
                f"{stig}.namn: insatsen {falt['namn']!r} finns redan som $.insatser[{forsta}]"
                + ("" if andra == falt["namn"] else f" ({andra!r}, {skiljer})")
                + "; namnet måste vara unikt."
            )
        namn_sedda.setdefault(likadant, nr)
        if (falt.get("gruppstorlek_min") or 0) > (falt.get("gruppstorlek_max") or 10**9):
            fel.append(
                f"{stig}.gruppstorlek_min: minsta gruppstorleken kan inte vara större än "
                "den största."
            )
        insats = Insats(**falt)
        for o in services.insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False):
            if o.kod == "katalog_personnummer":
                continue  # already named with its JSON path above
            falt_stig = f"{stig}.namn" if o.nr is None else f"{stig}.villkor[{o.nr - 1}]"
            if o.falt == "verksamhetssystem":
                falt_stig = f"{stig}.dokumentation.verksamhetssystem"
            elif o.falt == "malgrupp":
                falt_stig = f"{stig}.malgrupp"
            fel.append(f"{falt_stig}: {o.meddelande}{_slag_ur_orden(o, post)}")
    if fel:
        raise OgiltigKatalogfil(fel, data)
    return _tillampa(data, version, list(poster.values()), anvandare)


def _kan_fragas(text: Any) -> bool:
    return isinstance(text, str) and "\x00" not in text and not SURROGAT.search(text)


def _beslutets_dag(data: dict[str, Any]) -> datetime.date | None:
    """The day the file's decision takes effect: its galler_fran, or its beslutsdatum when
    that is later (as _tillampa records the Beslut); None without a readable beslutsdatum."""
    try:
        beslutsdatum = datetime.date.fromisoformat(data.get("beslutsdatum") or "")
    except (TypeError, ValueError):
        return None
    try:
        return max(beslutsdatum, datetime.date.fromisoformat(data.get("galler_fran") or ""))
    except (TypeError, ValueError):
        return beslutsdatum


def _upphorda_kommer_tillbaka(data: dict[str, Any], poster: dict[int, Post]) -> list[str]:
    """An ended insats that a file names again is decided again by the file's decision, from
    the day it takes effect (_tillampa). That needs a decision (a file without beslutsdatum
    decides nothing), and one that takes effect after the insats ended: the period it was in
    force, and the gap after it, are history and stay as they were."""
    kommun = data.get("kommun")
    # A text the database cannot take (NUL, a lone surrogate) is refused already; asking for it
    # would fail in the driver.
    if not isinstance(kommun, str) or not _kan_fragas(kommun):
        return []
    katalog = Katalog.objects.filter(kommun=kommun).first()
    if katalog is None:
        return []
    gallande = list(katalog.insatser.gallande().only("namn"))
    upphorda = list(katalog.insatser.filter(status=Insats.Status.UPPHORD))
    dag = _beslutets_dag(data)
    fel = []
    for nr, post in poster.items():
        namn = post.falt["namn"]
        if samma_insats(namn, gallande) is not None:
            continue
        if (insats := samma_insats(namn, upphorda)) is None:
            continue
        slut = insats.giltig_till
        till = f" (den gällde till och med {slut.isoformat()})" if slut else ""
        if data.get("beslutsdatum") is None:
            fel.append(
                f"$.insatser[{nr}].namn: insatsen ”{insats.namn}” har upphört i katalogen{till}. "
                "En insats som har upphört gäller igen bara genom ett nytt beslut av nämnden, och "
                "filen saknar beslutsdatum. Skriv nämndens beslutsdatum i filen (och galler_fran "
                "om beslutet gäller från en senare dag), eller ta bort insatsen ur filen."
            )
        elif dag is not None and slut is not None and dag <= slut:
            fel.append(
                f"$.insatser[{nr}].namn: insatsen ”{insats.namn}” har upphört i katalogen{till}, "
                f"och filens beslut gäller från {dag.isoformat()}. En insats som har upphört "
                "beslutas igen från en dag efter att den upphörde; tiden den gällde ändras inte. "
                "Är filen en äldre katalog, importera den senast beslutade i stället; annars "
                "skriv det nya beslutets dag i beslutsdatum eller galler_fran."
            )
    return fel


def _upphor_i_forvag(
    insats: Insats, vantar: BeslutadAndring | None, beslut: Beslut | None, stig: str
) -> str | None:
    """An insats decided to end on a later day (its end waits, services.upphora_insats) that
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


def _slag_ur_orden(o: Overtradelse, post: Post) -> str:
    """A kind refused under 11 kap. 5 § that the file did not state (version 1 has no place
    for it) was proposed from the insats's words: say which words, in which field, and how to
    state another kind in version 2."""
    if o.falt != "slag" or post.slag_angivet:
        return ""
    var, forslag = next(
        (
            (var, forslag)
            for falt, var in (("namn", "namnet"), ("metod", "metoden"), ("innehall", "innehållet"))
            if (forslag := foreslaget_slag_och_ord(post.falt[falt]))
        ),
        ("", None),
    )
    if forslag is None:
        return ""
    slag = str(Insats.Slag(forslag[0]).label)
    ord_ = "orden" if " " in forslag[1] else "ordet"
    undantagna = SLAG_ALDRIG_IUB.keys() | SLAG_BOENDE_FOR_VUXNA.keys()
    lagliga = ", ".join(f'"{s}"' for s in Insats.Slag.values if s not in undantagna)
    return (
        f" Filen anger inte vilket slags insats det är, och {ord_} ”{forslag[1]}” i {var} "
        f"tyder på {slag[0].lower()}{slag[1:]}. Är insatsen något annat, ange dess slag i en "
        'fil i version 2: "version": 2 överst i filen och till exempel "slag": '
        f'"gruppverksamhet" i insatsen (andra slag: {lagliga}).'
    )


def utforare_med_namn(namn: str) -> Utforare | None:
    """The utförare of exactly this name, else of this name but for spaces (one saved with a
    non-breaking space before the import normalised names), as samma_insats for an insats."""
    if utforare := Utforare.objects.filter(namn=namn).first():
        return utforare
    ord_ = max(namn.split(), key=len, default="")
    if not ord_:
        return None
    return next(
        (
            u
            for u in Utforare.objects.filter(namn__contains=ord_).order_by("pk")
            if _med_mellanslag(u.namn) == namn
        ),
        None,
    )


def _knyt_utforare(
    ref: dict[str, Any], stig: str, resultat: Importresultat, fel: list[str]
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
        utforare = utforare_med_namn(namn)
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
    for n, v in post.falt.items():
        if n == "slag" and insats.slag and not post.slag_angivet:
            continue  # the secretary's classification; the file does not state one
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


@transaction.atomic
def _tillampa(
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
            utforare = _knyt_utforare(post.utforare, f"{stig}.utforare", resultat, fel)
        elif version == 1 and falt["utforare_text"]:
            utforare = utforare_med_namn(falt["utforare_text"])
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
            insats.save()
            services.ersatt_villkor(insats, villkor, anvandare, orsak if beslut else _OKANT_ORSAK)
            resultat.nya.append(namn)
            continue
        if insats.ordning != ordning:
            Insats.objects.filter(pk=insats.pk).update(ordning=ordning)
        ny = Insats(**falt)
        if _med_mellanslag(insats.namn) == ny.namn:
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
        for n, v in falt.items():
            if n == "slag" and insats.slag and not post.slag_angivet:
                continue  # the secretary's classification; the file does not state one
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
