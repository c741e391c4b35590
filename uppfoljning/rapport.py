"""The nämnd's report: the whole catalogue's follow-up for a published year beside the two
before it, with internal control evidence. One structure, read from the stored publications,
feeds the page, the PDF, XLSX and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.safestring import SafeString

from insatser.models import Insats, Katalog
from uppfoljning.diagram import stapeldiagram
from uppfoljning.models import Arsuppfoljning, Publicering
from uppfoljning.publicerat import (
    Indikatortabell,
    Publicerat,
    indikatortabell,
    revisionsmatt,
    revisionstabell,
)
from uppfoljning.publicering import KAT, MATTEN
from uppfoljning.rojandeskydd import Cell

NYCKELRADER = {
    "kontakter",
    "hanvisad_ansoka",
    "hanvisad_namnd",
    "unika",
    "tillfallen",
    "samtal",
    "grupptraffar",
    "oppningar",
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
    katalog: Katalog
    ar: int
    perioder: list[str]
    publicering: Publicering
    kommun: Indikatortabell
    insatser: list[Insatsdel]
    internkontroll: list[tuple[str, list[str]]]
    diagram: list[SafeString]
    revisioner: list[tuple[str, str, list[Cell]]]
    revisionsmatt: list[str]


def bygg_rapport(katalog: Katalog, ar: int) -> Rapport | None:
    """The report of a published year (None until it is published), read from the stored
    publications only."""
    perioder = [str(ar - 2), str(ar - 1), str(ar)]
    # What the report shows: the years, the revisions published with the year (its last
    # sub-period's publication) and the indicators. (Each insats's tables by sex and age are
    # in its yearly follow-up: two hundred of them are no board paper.)
    publiceringar = list(katalog.publiceringar.order_by("slut"))
    publicering = next((p for p in publiceringar if str(ar) in p.perioder), None)
    if publicering is None:
        return None
    pub = Publicerat(
        katalog,
        kolumner=[*perioder, publicering.perioder[0]],
        matt=list(MATTEN),
        publiceringar=publiceringar,
    )
    kommun = indikatortabell(pub, KAT, perioder)
    insatser = list(
        Insats.objects.filter(katalog=katalog)
        .exclude(status=Insats.Status.UTKAST)
        .order_by("ordning")
    )
    uppfoljningar = {u.insats_id: u for u in Arsuppfoljning.objects.filter(ar=ar)}
    delar = [
        Insatsdel(
            insats,
            indikatortabell(pub, insats.pk, perioder, NYCKELRADER),
            uppfoljningar.get(insats.pk),
        )
        for insats in insatser
    ]
    rad = {r.nyckel: r.celler for r in kommun.rader}
    diagram = [
        stapeldiagram(
            "Kontakter och deltagare per år",
            perioder,
            [("Kontakter", rad["kontakter"]), ("Deltagare (unika)", rad["unika"])],
        ),
        stapeldiagram(
            "Hänvisningar till behovsprövning och till nämnden",
            perioder,
            [
                ("Hänvisade att ansöka", rad["hanvisad_ansoka"]),
                ("Hänvisade till nämnden", rad["hanvisad_namnd"]),
            ],
        ),
    ]
    sista = publicering.perioder[0]  # the last sub-period, published with the year
    return Rapport(
        katalog=katalog,
        ar=ar,
        perioder=perioder,
        publicering=publicering,
        kommun=kommun,
        insatser=delar,
        internkontroll=internkontroll(katalog, [int(p) for p in perioder], rad),
        diagram=diagram,
        revisioner=revisionstabell(pub, [("Hela katalogen", KAT)], sista),
        revisionsmatt=revisionsmatt(),
    )


def internkontroll(
    katalog: Katalog, perioder: list[int], rad: dict[str, list[Cell]]
) -> list[tuple[str, list[str]]]:
    """Evidence for the internal control, each over the three years."""
    signerade = {
        r["ar"]: r
        for r in Arsuppfoljning.objects.filter(ar__in=perioder, insats__katalog=katalog)
        .values("ar")
        .annotate(signerade=Count("id", filter=Q(status=Arsuppfoljning.Status.SIGNERAD)))
    }
    i_tid = {
        ar: sum(1 for u in Arsuppfoljning.objects.filter(ar=ar, insats__katalog=katalog) if u.i_tid)
        for ar in perioder
    }
    beslutade = Insats.objects.filter(katalog=katalog).exclude(status=Insats.Status.UTKAST).count()
    utan_skal = sum(
        1
        for i in Insats.objects.filter(
            katalog=katalog, dokumentationsregel__contains="14:5"
        ).exclude(status=Insats.Status.UTKAST)
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
            [f"{signerade.get(p, {}).get('signerade', 0)} av {beslutade}" for p in perioder],
        ),
        (
            "– varav signerade i tid (senast 31 mars året efter)",
            [str(i_tid[p]) for p in perioder],
        ),
        ("Insatser med 14 kap. 5 § utan motivering (nu)", ["", "", str(utan_skal)]),
    ]


def som_rader(rapport: Rapport) -> list[list[Any]]:
    """Flat rows for XLSX and CSV: the same protected text as the page, never raw counts."""
    rubrik = ["Del", "Indikator", *rapport.perioder, "Utveckling"]
    rader: list[list[Any]] = [rubrik]
    for r in rapport.kommun.rader:
        rader.append(["Hela katalogen", r.rubrik, *[c.visning for c in r.celler], r.utveckling])
    for del_ in rapport.insatser:
        for r in del_.tabell.rader:
            rader.append([del_.insats.namn, r.rubrik, *[c.visning for c in r.celler], r.utveckling])
    for rubrik_, varden in rapport.internkontroll:
        rader.append(["Intern kontroll", rubrik_, *varden, ""])
    for period, namn, celler in rapport.revisioner:
        for matt, c in zip(rapport.revisionsmatt, celler, strict=True):
            rader.append([f"Efterregistrerat {period}", f"{namn}: {matt}", "", "", c.visning, ""])
    return rader
