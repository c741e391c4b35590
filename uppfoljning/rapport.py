"""The nämnd's report: the whole catalogue's follow-up for a published year beside the two
before it, as a board paper (cover, summary, the catalogue, each insats with its signed
yearly follow-up, cost, internal control). One structure, read from the stored publications
and signed follow-ups only, feeds the page, the PDF, XLSX and CSV."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from insatser.models import Insats, Katalog
from uppfoljning.diagram import stapeldiagram
from uppfoljning.internkontrollplan import Riskrad, riskrader
from uppfoljning.kostnader import kostnad_katalog, kostnadsrader
from uppfoljning.matt import AVBROTT, KAT, MATTEN, MEDEL, OVER_TAKET, PROBLEM
from uppfoljning.models import (
    Arsuppfoljning,
    Bedomning,
    Namndrapport,
    Publicering,
    Riktlinjeuppfoljning,
)
from uppfoljning.perioder import Period
from uppfoljning.publicerat import (
    SAKNAS,
    Fordelning,
    Indikatortabell,
    Publicerat,
    Rad,
    andel,
    indikatortabell,
    kon_och_alder,
    revisionsmatt,
    revisionstabell,
    social,
    utveckling_for,
)
from uppfoljning.rojandeskydd import Cell

NYCKELRADER = {
    "kontakter",
    "hanvisad_ansoka",
    "hanvisad_namnd",
    "informerade",
    "unika",
    "tillfallen",
    "samtal",
    "grupptraffar",
    "oppningar",
    "besok",
    "avslutade",
    "avbrutna",
    *(m.nyckel for m in AVBROTT),
    "problem",
    *(m.nyckel for m in PROBLEM),
    "over_taket",
    *(m.nyckel for m in OVER_TAKET),
    "orosanmalningar",
    "nya_deltagarkoder",
}
#: Rows whose cells are percentages, means (one decimal) or kronor, for a spreadsheet.
PROCENT = {"informerade"}
KRONOR = {"kostnad", "kostnad_per_deltagare", "kostnad_per_tillfalle", "kostnad_per_invanare"}
#: Rows that only some forms of insats have (sessions of a kind, caps, anonymity): left out
#: of an insats's table when all zero.
FORMBUNDNA = {
    "samtal",
    "grupptraffar",
    "oppningar",
    "besok",
    "over_taket",
    "orosanmalningar",
    "nya_deltagarkoder",
}


@dataclass
class Forsattsblad:
    kommun: str
    kommunkod: str
    namnd: str
    diarienummer: str
    period: str
    datum: datetime.date
    ansvarig: str
    ansvarig_titel: str
    publicerad: datetime.date

    def rader(self) -> list[tuple[str, str]]:
        return [
            ("Kommun", self.kommun),
            ("Nämnd", self.namnd or "–"),
            ("Diarienummer", self.diarienummer or "–"),
            ("Period", self.period),
            ("Datum", self.datum.isoformat()),
            (
                "Ansvarig",
                ", ".join(t for t in (self.ansvarig, self.ansvarig_titel) if t) or "–",
            ),
            ("Statistiken publicerad", self.publicerad.isoformat()),
        ]


@dataclass
class Insatsdel:
    insats: Insats
    tabell: Indikatortabell
    uppfoljning: Arsuppfoljning | None  # the signed yearly follow-up of the report's year
    fanns: list[bool]  # per column: whether the insats existed that year
    social: list[tuple[str, list[tuple[str, Cell, Cell]]]] = field(default_factory=list)
    besok: Fordelning | None = None


@dataclass
class Riktlinjedel:
    period: str  # "2025, halvår 1"
    signerad: datetime.datetime
    signerad_av: str
    avsnitt: list[tuple[str, str]]  # (heading, text) per section, in the form's order


#: The guideline follow-up's sections, in the order the verksamhetschef writes them.
RIKTLINJEAVSNITT = ("anvandning", "rattigheter", "dokumentation", "risker", "forslag")


def _rubrik(falt: str) -> str:
    """A section's heading: the field's name as the verksamhetschef saw it in the form."""
    f = Riktlinjeuppfoljning._meta.get_field(falt)
    assert isinstance(f, models.Field)  # noqa: S101 - a text field of the model
    return capfirst(str(f.verbose_name))


def riktlinjedelar(katalog: Katalog, ar: int) -> list[Riktlinjedel]:
    """The signed guideline follow-ups of the year's sub-periods, earliest first."""
    delar = []
    for u in (
        Riktlinjeuppfoljning.objects.filter(
            katalog=katalog,
            period__startswith=f"{ar}-",
            status=Riktlinjeuppfoljning.Status.SIGNERAD,
        )
        .select_related("signerad_av")
        .order_by("period")
    ):
        period = Period.tolka(u.period)
        assert u.signerad is not None  # noqa: S101 - signed (a CHECK constraint)
        delar.append(
            Riktlinjedel(
                period=str(period) if period else u.period,
                signerad=u.signerad,
                signerad_av=str(u.signerad_av),
                avsnitt=[(_rubrik(f), getattr(u, f)) for f in RIKTLINJEAVSNITT],
            )
        )
    return delar


@dataclass
class Rapport:
    katalog: Katalog
    ar: int
    perioder: list[str]
    utan_data: list[str]  # earlier years left out: nothing was published for them
    publicering: Publicering
    forsattsblad: Forsattsblad
    sammanfattning_text: str
    sammanfattning: list[str]
    kommun: Indikatortabell
    kostnad: Indikatortabell
    insatser: list[Insatsdel]
    internkontroll: list[Rad]
    diagram: list[SafeString]
    revisioner: list[tuple[str, str, list[Cell]]]
    revisionsmatt: list[str]
    # The verksamhetschef's signed follow-ups of the guideline for the year's half-years or
    # tertials: the report says it is the follow-up of the guideline too.
    riktlinje: list[Riktlinjedel] = field(default_factory=list)
    risker: list[Riskrad] = field(default_factory=list)  # the internal control per risk

    @property
    def jamforelse(self) -> list[str]:
        """The earlier years shown beside the report's year (none: no "Utveckling")."""
        return self.perioder[:-1]


def bygg_rapport(katalog: Katalog, ar: int) -> Rapport | None:
    """The report of a published year (None until it is published), read from the stored
    publications and the signed follow-ups only."""
    ar_tre = [str(ar - 2), str(ar - 1), str(ar)]
    publiceringar = list(katalog.publiceringar.order_by("slut"))
    publicering = next((p for p in publiceringar if str(ar) in p.perioder), None)
    if publicering is None:
        return None
    pub = Publicerat(
        katalog,
        kolumner=[*ar_tre, publicering.perioder[0]],
        matt=[*MATTEN, "medel.", "social.", "besok."],
        publiceringar=publiceringar,
    )
    med_poster, aktiva = _aktivitet(pub)
    # A year the catalogue has nothing published for (before the insatser began) is no
    # column of zeros; the report's own year is always shown.
    perioder = [k for k in ar_tre if k == str(ar) or (KAT, k) in aktiva]
    utan_data = [k for k in ar_tre if k not in perioder]
    kommun = indikatortabell(pub, KAT, perioder)
    insatser = list(
        Insats.objects.filter(katalog=katalog)
        .exclude(status=Insats.Status.UTKAST)
        .select_related("utforare")
        .order_by("ordning", "pk")
    )
    signerade = {
        (u.insats_id, u.ar): u
        for u in Arsuppfoljning.objects.filter(
            insats__katalog=katalog,
            ar__in=[int(p) for p in perioder],
            status=Arsuppfoljning.Status.SIGNERAD,
        ).select_related("signerad_av")
    }
    delar = []
    for insats in insatser:
        fanns = [_fanns(insats, k, med_poster, aktiva) for k in perioder]
        if not any(fanns):
            continue
        tabell = indikatortabell(pub, insats.pk, perioder, NYCKELRADER, medel=True)
        tabell.rader = [
            r
            for r in tabell.rader
            if any(c is not SAKNAS for c in r.celler)
            and not (r.nyckel in FORMBUNDNA and all(c is SAKNAS or c.varde == 0 for c in r.celler))
        ]
        for r in tabell.rader:
            r.celler = [c if f else SAKNAS for c, f in zip(r.celler, fanns, strict=True)]
            r.utveckling = utveckling_for(r.nyckel, r.celler)
        kostnader = [
            u.kostnad if (u := signerade.get((insats.pk, int(k)))) else None for k in perioder
        ]
        tabell.rader += kostnadsrader(pub, insats.pk, perioder, kostnader)
        sista = str(ar)
        del_ = Insatsdel(insats, tabell, signerade.get((insats.pk, ar)), fanns)
        if fanns[-1] and insats.dokumentationsregel and "14:5" in insats.dokumentationsregel:
            del_.social = social(pub, insats.pk, sista)
        if fanns[-1] and insats.form == Insats.Form.OPPEN_VERKSAMHET:
            del_.besok = kon_och_alder(pub, "besok", insats.pk, sista)
        delar.append(del_)
    rad = {r.nyckel: r.celler for r in kommun.rader}
    kostnad = kostnad_katalog(katalog, pub, perioder, delar, signerade)
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
    uppgifter = Namndrapport.objects.filter(katalog=katalog, ar=ar).first() or Namndrapport(
        katalog=katalog, ar=ar
    )
    sista = publicering.perioder[0]  # the last sub-period, published with the year
    rapport = Rapport(
        katalog=katalog,
        ar=ar,
        perioder=perioder,
        utan_data=utan_data,
        publicering=publicering,
        forsattsblad=forsattsblad(katalog, ar, uppgifter, publicering),
        sammanfattning_text=uppgifter.sammanfattning,
        sammanfattning=sammanfattning(ar, perioder, kommun, delar),
        kommun=kommun,
        kostnad=kostnad,
        insatser=delar,
        internkontroll=internkontroll(katalog, pub, perioder, delar, signerade),
        diagram=diagram,
        revisioner=revisionstabell(pub, [("Hela katalogen", KAT)], sista),
        revisionsmatt=revisionsmatt(),
        riktlinje=riktlinjedelar(katalog, ar),
    )
    rapport.risker = riskrader(rapport, sorted({i.utforare_id for i in insatser if i.utforare_id}))
    return rapport


def _aktivitet(pub: Publicerat) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(unit, year) with any published count, and with any count that is not zero (a hidden
    count is not zero: it is small)."""
    med_poster: set[tuple[str, str]] = set()
    aktiva: set[tuple[str, str]] = set()
    for (matt, enhet, kolumn), varde in pub.poster.items():
        if "@" in kolumn or matt.startswith("medel."):
            continue
        med_poster.add((enhet, kolumn))
        if varde != 0:
            aktiva.add((enhet, kolumn))
    return med_poster, aktiva


def _fanns(
    insats: Insats, kolumn: str, med_poster: set[tuple[str, str]], aktiva: set[tuple[str, str]]
) -> bool:
    """Whether the insats existed in a year: published for it, and either something happened
    or it was in force (a year of zeros before it began is no year of the insats)."""
    enhet = str(insats.pk)
    if (enhet, kolumn) not in med_poster:
        return False
    if (enhet, kolumn) in aktiva:
        return True
    ar = int(kolumn)
    return (
        insats.giltig_fran is not None
        and insats.giltig_fran.year <= ar
        and (insats.giltig_till is None or insats.giltig_till.year >= ar)
    )


def forsattsblad(
    katalog: Katalog, ar: int, uppgifter: Namndrapport, publicering: Publicering
) -> Forsattsblad:
    kommun = katalog.kommunen
    return Forsattsblad(
        kommun=str(kommun),
        kommunkod=kommun.kod or "",
        namnd=uppgifter.namnd or katalog.namnd or "",
        diarienummer=uppgifter.diarienummer,
        period=f"1 januari–31 december {ar}",
        datum=uppgifter.datum or timezone.localdate(),
        ansvarig=uppgifter.ansvarig,
        ansvarig_titel=uppgifter.ansvarig_titel,
        publicerad=timezone.localdate(publicering.skapad),
    )


def sammanfattning(
    ar: int, perioder: list[str], kommun: Indikatortabell, delar: list[Insatsdel]
) -> list[str]:
    """The headline in sentences, from shown counts only: a hidden figure is said to be
    hidden, never estimated."""
    rad = {r.nyckel: r for r in kommun.rader}

    def tal(nyckel: str) -> str:
        c = rad[nyckel].celler[-1]
        return "dolt (×)" if c.dold else "inte publicerat (–)" if c is SAKNAS else c.visning

    def jamfort(nyckel: str) -> str:
        r = rad[nyckel]
        if len(perioder) < 2 or r.utveckling in ("", "–"):
            return ""
        return f" ({r.utveckling} jämfört med {perioder[-2]})"

    aktuella = [d for d in delar if d.fanns[-1]]
    bedomda = Counter(d.uppfoljning.bedomning for d in aktuella if d.uppfoljning)
    signerade = sum(bedomda.values())
    ut = [
        f"Under {ar} fanns {len(aktuella)} insatser utan individuell behovsprövning i "
        "nämndens katalog.",
        f"Kontakter: {tal('kontakter')}{jamfort('kontakter')}. Deltagare (unika): "
        f"{tal('unika')}{jamfort('unika')}. Tillfällen: {tal('tillfallen')}"
        f"{jamfort('tillfallen')}.",
        f"Hänvisade att ansöka om behovsprövad insats: {tal('hanvisad_ansoka')}; hänvisade "
        f"till nämnden: {tal('hanvisad_namnd')}. Andel informerade om rätten att ansöka "
        f"(11 kap. 6 §): {tal('informerade')}.",
        f"Årsuppföljningar signerade: {signerade} av {len(aktuella)}."
        + (
            " Enhetschefernas bedömning: "
            + ", ".join(
                f"{namn.lower()} {bedomda.get(varde, 0)}" for varde, namn in Bedomning.choices
            )
            + "."
            if signerade
            else ""
        ),
    ]
    return ut


def internkontroll(
    katalog: Katalog,
    pub: Publicerat,
    perioder: list[str],
    delar: list[Insatsdel],
    signerade: dict[tuple[int, int], Arsuppfoljning],
) -> list[Rad]:
    """Evidence for the internal control, each over the report's years."""
    rader = []
    for nyckel, rubrik in [
        ("informerade", "Andel informerade om rätten att ansöka (11 kap. 6 §)"),
        ("villkor_ej", "Villkorssvar ”inte uppfyllt”"),
        ("hanvisad_ansoka", "Hänvisade att ansöka om behovsprövad insats (11 kap. 1 §)"),
        ("hanvisad_namnd", "Hänvisade till nämnden"),
        ("avvisade", "Fritexter som stoppades för att de kunde röja identitet (14 kap. 4–5 §§)"),
    ]:
        if nyckel == "informerade":
            celler = [andel(pub, KAT, p) for p in perioder]
        else:
            celler = [pub.cell(nyckel, KAT, p) for p in perioder]
        rader.append(Rad(rubrik, celler, nyckel=nyckel))
    signerat, i_tid = [], []
    for nr, p in enumerate(perioder):
        u = [
            s
            for d in delar
            if d.fanns[nr] and (s := signerade.get((d.insats.pk, int(p)))) is not None
        ]
        signerat.append(Cell(str(len(u)), len(u)))
        i_tid.append(Cell(str(sum(1 for s in u if s.i_tid)), sum(1 for s in u if s.i_tid)))
    rader.append(Rad("Årsuppföljningar signerade", signerat, nyckel="signerade"))
    rader.append(
        Rad("– varav i tid (senast 31 mars året efter)", i_tid, indrag=True, nyckel="i_tid")
    )
    utan_skal = sum(
        1
        for d in delar
        if d.insats.status != Insats.Status.UPPHORD and d.insats.saknar_sarskilda_skal
    )
    rader.append(
        Rad(
            "Insatser med 14 kap. 5 § utan motivering (nu)",
            [*([Cell("", None)] * (len(perioder) - 1)), Cell(str(utan_skal), utan_skal)],
            nyckel="utan_skal",
        )
    )
    return rader


def medelrubrik(nyckel: str) -> str:
    return dict(MEDEL).get(nyckel.removeprefix("medel."), nyckel)


#: The part of the CSV that holds the internal control per risk (XLSX: a sheet of its own).
RISKDEL = "Intern kontroll per risk"


def som_rader(rapport: Rapport) -> list[list[Any]]:
    """Flat rows for CSV: the same protected text as the page, never raw counts; then the
    internal control per risk, under a header row of its own (as in the page, the PDF and the
    XLSX's sheet)."""
    rader = [[c.visning if isinstance(c, Cell) else c for c in rad] for rad in som_celler(rapport)]
    rader.append(["Del", *Riskrad.RUBRIKER])
    rader += [[RISKDEL, *x.som_rad()] for x in rapport.risker]
    return rader


def _etiketter(rader: list[Rad]) -> list[str]:
    """Each row's label as a spreadsheet row that stands on its own: a sub-row the page
    indents under the row before it ("– började delta" under "Kontakter") is named with that
    row ("Kontakter – började delta"). It then also does not begin with a dash, which the
    exports would otherwise have to escape as a possible formula ("'– började delta")."""
    ut, over = [], ""
    for r in rader:
        if r.indrag and r.rubrik.startswith("– ") and over:
            ut.append(f"{over} {r.rubrik}")
        else:
            ut.append(r.rubrik)
            if not r.indrag:
                over = r.rubrik
    return ut


def som_celler(rapport: Rapport) -> list[list[Any]]:
    """Flat rows for XLSX and CSV: the published cells (a `Cell`: the number only where it is
    shown), never raw counts."""
    rubrik = ["Del", "Indikator", *rapport.perioder, "Utveckling"]
    rader: list[list[Any]] = [rubrik]
    for r, etikett in zip(rapport.kommun.rader, _etiketter(rapport.kommun.rader), strict=True):
        rader.append(["Hela katalogen", etikett, *r.celler, r.utveckling])
    for r, etikett in zip(rapport.kostnad.rader, _etiketter(rapport.kostnad.rader), strict=True):
        rader.append(["Kostnad, hela katalogen", etikett, *r.celler, r.utveckling])
    for del_ in rapport.insatser:
        tabell = del_.tabell.rader
        for r, etikett in zip(tabell, _etiketter(tabell), strict=True):
            rader.append([del_.insats.namn, etikett, *r.celler, r.utveckling])
    for r, etikett in zip(rapport.internkontroll, _etiketter(rapport.internkontroll), strict=True):
        rader.append(["Intern kontroll", etikett, *r.celler, ""])
    tomma = [""] * (len(rapport.perioder) - 1)
    for period, namn, celler in rapport.revisioner:
        for matt, c in zip(rapport.revisionsmatt, celler, strict=True):
            rader.append([f"Efterregistrerat {period}", f"{namn}: {matt}", *tomma, c, ""])
    return rader
