"""Import and export of a whole catalogue in the interchange format (DESIGN.md §6).

Two versions: a file with `"version": 2` is version 2 (katalog.v2.schema.json), one without
the key version 1 (katalog.schema.json), which keeps importing unchanged. The file is checked
against its JSON Schema (with the jsonschema library), then against the catalogue's legal
rules; an invalid file is refused whole, every problem named by its JSON path, and nothing is
written. Export after import gives the same JSON (after sorting keys), in either version.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from insatser import services
from insatser.katalogformat import (
    Post,
    formatversion,
    insats_fran_fil,
)
from insatser.katalogkontroll import OgiltigKatalogfil, las_katalogfil
from insatser.katalogmatchning import likadant_namn, samma_insats
from insatser.katalogtillampning import Importresultat, tillampa
from insatser.katalogvarden import (
    SURROGAT,
    datumen,
    egen_kommun,
    for_langt_eller_nul,
    kommunen_finns_redan,
    utan_bokstaver,
)
from insatser.models import Insats, Katalog
from insatser.regler import (
    SLAG_ALDRIG_IUB,
    SLAG_BOENDE_FOR_VUXNA,
    Overtradelse,
    foreslaget_slag_och_ord,
)
from organisation.models import Anvandare, Kommun


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
        likadant = likadant_namn(falt["namn"])
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
                + (
                    " En insats för flera målgrupper står en gång, med alla dess målgrupper "
                    "i ”malgrupp”."
                    if falt.get("malgrupp") != poster[forsta].falt.get("malgrupp")
                    else ""
                )
            )
        namn_sedda.setdefault(likadant, nr)
        insats = Insats(**falt)
        for o in services.insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False):
            if o.kod == "katalog_personnummer":
                continue  # already named with its JSON path above
            falt_stig = f"{stig}.namn" if o.nr is None else f"{stig}.villkor[{o.nr - 1}]"
            if o.falt == "verksamhetssystem":
                falt_stig = f"{stig}.dokumentation.verksamhetssystem"
            elif o.falt in ("malgrupp", "gruppstorlek_max"):
                falt_stig = f"{stig}.{o.falt}"
            fel.append(f"{falt_stig}: {o.meddelande}{_slag_ur_orden(o, post)}")
    if fel:
        raise OgiltigKatalogfil(fel, data)
    return tillampa(data, version, list(poster.values()), anvandare)


def _kan_fragas(text: Any) -> bool:
    return isinstance(text, str) and "\x00" not in text and not SURROGAT.search(text)


def _beslutets_dag(data: dict[str, Any]) -> datetime.date | None:
    """The day the file's decision takes effect: its galler_fran, or its beslutsdatum when
    that is later (as tillampa records the Beslut); None without a readable beslutsdatum."""
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
    the day it takes effect (tillampa). That needs a decision (a file without beslutsdatum
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
