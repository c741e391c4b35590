"""The nämnd's report: the whole catalogue's follow-up for a year beside the two before it,
with internal control evidence. One structure feeds the page, the PDF, XLSX and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.safestring import SafeString

from insatser.models import Insats
from uppfoljning import indikatorer
from uppfoljning.diagram import stapeldiagram
from uppfoljning.indikatorer import Indikatortabell, Underlag
from uppfoljning.models import Arsuppfoljning
from uppfoljning.perioder import Period
from uppfoljning.rojandeskydd import Cell, SkyddadTabell

NYCKELRADER = {
    "kontakter",
    "hanvisad_ansoka",
    "hanvisad_namnd",
    "unika",
    "samtal",
    "grupptraffar",
    "besok",
    "avbrutna",
}


@dataclass
class Insatsdel:
    insats: Insats
    tabell: Indikatortabell
    uppfoljning: Arsuppfoljning | None


@dataclass
class Rapport:
    ar: int
    perioder: list[Period]
    kommun: Indikatortabell
    kon_alder: SkyddadTabell
    insatser: list[Insatsdel]
    internkontroll: list[tuple[str, list[str]]]
    diagram: list[SafeString]


def bygg_rapport(ar: int) -> Rapport:
    perioder = Period(ar).foregaende_ar(3)
    underlag = Underlag.flera(perioder)
    kommun = indikatorer.indikatortabell_ur(underlag, None)
    insatser = list(
        Insats.objects.exclude(status=Insats.Status.UTKAST)
        .select_related("katalog")
        .order_by("katalog__kommun", "ordning")
    )
    uppfoljningar = {u.insats_id: u for u in Arsuppfoljning.objects.filter(ar=ar)}
    delar = []
    for insats in insatser:
        tabell = indikatorer.indikatortabell_ur(underlag, [insats.pk])
        tabell.rader = [r for r in tabell.rader if r.nyckel in NYCKELRADER]
        delar.append(Insatsdel(insats, tabell, uppfoljningar.get(insats.pk)))
    # The insatser beside the catalogue total, year by year, protected as one column each.
    nycklar = sorted(NYCKELRADER)
    for nr, u in enumerate(underlag):
        celler, summor = indikatorer.skydda_over_insatser(u, [d.insats.pk for d in delar], nycklar)
        for del_ in delar:
            for r in del_.tabell.rader:
                r.celler[nr] = celler[del_.insats.pk][r.nyckel]
        for r in kommun.rader:
            if r.nyckel in summor and summor[r.nyckel].dold:
                r.celler[nr] = summor[r.nyckel]
    for r in [*kommun.rader, *(r for d in delar for r in d.tabell.rader)]:
        if r.utveckling:
            r.utveckling = indikatorer.utveckling(r.celler)
    rad = {r.nyckel: r.celler for r in kommun.rader}
    diagram = [
        stapeldiagram(
            "Kontakter och deltagare per år",
            [str(p.ar) for p in perioder],
            [("Kontakter", rad["kontakter"]), ("Deltagare (unika)", rad["unika"])],
        ),
        stapeldiagram(
            "Hänvisningar till behovsprövning och till nämnden",
            [str(p.ar) for p in perioder],
            [
                ("Hänvisade att ansöka", rad["hanvisad_ansoka"]),
                ("Hänvisade till nämnden", rad["hanvisad_namnd"]),
            ],
        ),
    ]
    return Rapport(
        ar=ar,
        perioder=perioder,
        kommun=kommun,
        kon_alder=indikatorer.kon_och_alder(underlag[-1], None),
        insatser=delar,
        internkontroll=internkontroll(perioder, rad),
        diagram=diagram,
    )


def internkontroll(
    perioder: list[Period], rad: dict[str, list[Cell]]
) -> list[tuple[str, list[str]]]:
    """Evidence for the internal control, each over the three years."""
    signerade = {
        r["ar"]: r
        for r in Arsuppfoljning.objects.filter(ar__in=[p.ar for p in perioder])
        .values("ar")
        .annotate(signerade=Count("id", filter=Q(status=Arsuppfoljning.Status.SIGNERAD)))
    }
    i_tid = {
        p.ar: sum(1 for u in Arsuppfoljning.objects.filter(ar=p.ar) if u.i_tid) for p in perioder
    }
    beslutade = Insats.objects.exclude(status=Insats.Status.UTKAST).count()
    utan_skal = sum(
        1
        for i in Insats.objects.filter(dokumentationsregel__contains="14:5").exclude(
            status=Insats.Status.UTKAST
        )
        if i.saknar_sarskilda_skal
    )
    return [
        ("Informerade om rätten att ansöka (11 kap. 6 §)", [c.visning for c in rad["informerade"]]),
        ("Villkorssvar ”inte uppfyllt”", [c.visning for c in rad["villkor_ej"]]),
        (
            "Fritexter som stoppades för att de kunde röja identitet",
            [c.visning for c in rad["avvisade"]],
        ),
        (
            "Hänvisade att ansöka om behovsprövad insats",
            [c.visning for c in rad["hanvisad_ansoka"]],
        ),
        (
            "Årsuppföljningar signerade (av beslutade insatser)",
            [f"{signerade.get(p.ar, {}).get('signerade', 0)} av {beslutade}" for p in perioder],
        ),
        (
            "– varav signerade i tid (senast 31 mars året efter)",
            [str(i_tid[p.ar]) for p in perioder],
        ),
        ("Insatser med 14 kap. 5 § utan motivering (nu)", ["", "", str(utan_skal)]),
    ]


def som_rader(rapport: Rapport) -> list[list[Any]]:
    """Flat rows for XLSX and CSV: the same protected text as the page, never raw counts."""
    rubrik = ["Del", "Indikator", *[str(p.ar) for p in rapport.perioder], "Utveckling"]
    rader: list[list[Any]] = [rubrik]
    for r in rapport.kommun.rader:
        rader.append(["Hela katalogen", r.rubrik, *[c.visning for c in r.celler], r.utveckling])
    for del_ in rapport.insatser:
        for r in del_.tabell.rader:
            rader.append([del_.insats.namn, r.rubrik, *[c.visning for c in r.celler], r.utveckling])
    for rubrik_, varden in rapport.internkontroll:
        rader.append(["Intern kontroll", rubrik_, *varden, ""])
    return rader
