"""What has been published, read from storage: every page, chart and export of follow-up is
built from here and nothing else, so the same count has the same value everywhere and a
report printed in March is the report shown in October. Derived numbers (shares, cost per
participant, development) are computed from shown counts only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from insatser.models import Katalog, Villkor
from uppfoljning.matt import DELRADER, KAT, MATT, MEDEL
from uppfoljning.models import Publicering, Publiceringspost
from uppfoljning.rojandeskydd import DOLT, Cell

SAKNAS = Cell("–", None)


class Publicerat:
    """The published counts of one catalogue, in one query."""

    def __init__(
        self,
        katalog: Katalog,
        kolumner: Iterable[str] | None = None,
        matt: Iterable[str] | None = None,
        insats: int | None = None,
        publiceringar: list[Publicering] | None = None,
    ) -> None:
        """Only the given columns (and the revisions published with them), measures (a name
        ending in "." takes every measure it begins) and insats, when a page needs no more."""
        self.katalog = katalog
        qs = Publiceringspost.objects.filter(publicering__katalog=katalog).exclude(
            status=Publiceringspost.Status.OPUBLICERAD
        )
        if kolumner is not None:
            villkor = Q()
            for k in kolumner:
                villkor |= Q(kolumn=k) | Q(kolumn__endswith=f"@{k}")
            qs = qs.filter(villkor)
        if insats is not None:
            qs = qs.filter(insats_id=insats)
        if matt is not None:
            villkor = Q()
            for m in matt:
                villkor |= Q(matt__startswith=m) if m.endswith(".") else Q(matt=m)
            qs = qs.filter(villkor)
        self.poster: dict[tuple[str, str, str], int | None] = {
            (m, str(i) if i else KAT, k): (s if st == Publiceringspost.Status.VISAS else None)
            for m, i, k, s, st in qs.values_list("matt", "insats_id", "kolumn", "sant", "status")
        }
        self.publiceringar = (
            publiceringar
            if publiceringar is not None
            else list(katalog.publiceringar.order_by("slut"))
        )
        self.perioder = {kod: p for p in self.publiceringar for kod in p.perioder}

    def publicerad(self, kolumn: str) -> Publicering | None:
        return self.perioder.get(kolumn)

    def cell(self, matt: str, enhet: str | int, kolumn: str) -> Cell:
        nyckel = (matt, str(enhet), kolumn)
        if nyckel not in self.poster:
            return SAKNAS
        varde = self.poster[nyckel]
        if varde is None:
            return Cell(DOLT, None)
        if matt.startswith("medel."):
            return Cell(f"{varde / 10:.1f}".replace(".", ","), varde)
        return Cell(str(varde), varde)

    def revisioner(self, i_publicering: str) -> list[str]:
        """The revision columns published with the publication of a sub-period."""
        return sorted({k for (_, _, k) in self.poster if k.endswith(f"@{i_publicering}")})


def dolda(publiceringar: Sequence[Publicering]) -> dict[int, tuple[int, int]]:
    """Per publication, its counts (not means) shown as "×": the small ones and those hidden
    to protect them, as stored – what anyone can count on its pages, split as the audit's
    attacker tells them apart. Never the audit's own tally (`Publicering.granskning`), which
    counts a small count it withdrew ("–") among the small ones: the tally less the "×" would
    say how many "–" are small, and a lone one is then at least 1 (test_attonde_angrepp)."""
    ut = {p.pk: (0, 0) for p in publiceringar}
    for pk, primar, antal in (
        Publiceringspost.objects.filter(
            publicering__in=list(publiceringar), status=Publiceringspost.Status.DOLD
        )
        .exclude(matt__startswith="medel.")  # a mean is hidden by its own rule, no count
        .order_by()
        .values("publicering_id", "primar")
        .annotate(antal=Count("id"))
        .values_list("publicering_id", "primar", "antal")
    ):
        sma, andra = ut[pk]
        ut[pk] = (sma + antal, andra) if primar else (sma, andra + antal)
    return ut


def andel(pub: Publicerat, enhet: str | int, kolumn: str) -> Cell:
    """The share told of the right to apply, from shown counts only (both parts shown)."""
    ja, nej = pub.cell("informerade", enhet, kolumn), pub.cell("ej_informerade", enhet, kolumn)
    if ja.varde is None or nej.varde is None or ja.varde + nej.varde == 0:
        return SAKNAS if ja is SAKNAS else Cell(DOLT if ja.dold or nej.dold else "–", None)
    procent = round(100 * ja.varde / (ja.varde + nej.varde))
    return Cell(f"{procent} %", procent)


def utveckling(celler: Sequence[Cell]) -> str:
    """The change from the year before, only between two shown counts."""
    if len(celler) < 2 or celler[-1].varde is None or celler[-2].varde is None:
        return "–"
    fore, nu = celler[-2].varde, celler[-1].varde
    skillnad = nu - fore
    if fore == 0:
        return f"{skillnad:+d}" if skillnad else "±0"
    return f"{skillnad:+d} ({skillnad / fore:+.0%})".replace(".", ",")


#: What the change of a share and of a mean is counted in, said in words to a screen reader
#: (uppfoljning.templatetags.skyddade): a share changes in percentage points, never in per
#: cent of itself; a mean by its plain difference.
PROCENTENHETER = "p.e."


def utveckling_andel(celler: Sequence[Cell]) -> str:
    """The change of a share (whole per cent) from the year before, in percentage points."""
    if len(celler) < 2 or celler[-1].varde is None or celler[-2].varde is None:
        return "–"
    skillnad = celler[-1].varde - celler[-2].varde
    return f"{skillnad:+d} {PROCENTENHETER}" if skillnad else f"±0 {PROCENTENHETER}"


def utveckling_medel(celler: Sequence[Cell]) -> str:
    """The change of a mean (stored in tenths) from the year before: the plain difference."""
    if len(celler) < 2 or celler[-1].varde is None or celler[-2].varde is None:
        return "–"
    skillnad = celler[-1].varde - celler[-2].varde
    if not skillnad:
        return "±0,0"
    return f"{skillnad / 10:+.1f}".replace(".", ",")


def utveckling_for(nyckel: str, celler: Sequence[Cell]) -> str:
    """The change column of a row, by what its cells are: a share, a mean or a count."""
    if nyckel == "informerade":
        return utveckling_andel(celler)
    if nyckel.startswith("medel."):
        return utveckling_medel(celler)
    return utveckling(celler)


def _sparat_varde(nyckel: str, visning: str) -> int | None:
    """The number behind a kept cell's text: a share "90 %" is 90, a mean "3,5" is 35
    (tenths, as published); "×" and "–" have none."""
    text = visning.removesuffix(" %") if nyckel == "informerade" else visning.replace(",", "")
    return int(text) if text.lstrip("-").isdigit() else None


def utveckling_sparad(rad: dict[str, Any]) -> str:
    """The change column of a row a signed follow-up kept. Follow-ups signed before shares
    and means had a change kept an empty cell for them: it is computed from the figures as
    signed, by the rule a row signed today gets (`utveckling_for`), so it is what the
    enhetschef signed and shows the same as a newer one."""
    text, nyckel = str(rad.get("utveckling", "")), str(rad.get("nyckel", ""))
    if text or not (nyckel == "informerade" or nyckel.startswith("medel.")):
        return text
    celler = [Cell(str(v), _sparat_varde(nyckel, str(v))) for v in rad.get("celler", [])]
    return utveckling_for(nyckel, celler)


def forandring(celler: Sequence[Cell], nyckel: str = "") -> tuple[float | None, float | None]:
    """The change from the year before as numbers (for a spreadsheet), under the same rule as
    `utveckling`: only between two shown counts; no share from a year of zero. A share's
    change is in percentage points and a mean's is its plain difference: neither has a
    change in per cent."""
    if len(celler) < 2 or celler[-1].varde is None or celler[-2].varde is None:
        return None, None
    fore, nu = celler[-2].varde, celler[-1].varde
    if nyckel == "informerade":
        return nu - fore, None
    if nyckel.startswith("medel."):
        return (nu - fore) / 10, None
    return nu - fore, ((nu - fore) / fore if fore else None)


@dataclass
class Rad:
    rubrik: str
    celler: list[Cell]
    utveckling: str = ""
    indrag: bool = False
    nyckel: str = ""


@dataclass
class Indikatortabell:
    perioder: list[str]
    rader: list[Rad] = field(default_factory=list)


def indikatortabell(
    pub: Publicerat,
    enhet: str | int,
    kolumner: Sequence[str],
    nycklar: Iterable[str] | None = None,
    medel: bool = False,
) -> Indikatortabell:
    """Indicators × periods of one insats or the whole catalogue, as published."""
    valda = set(nycklar) if nycklar is not None else None
    tabell = Indikatortabell(list(kolumner))
    for m in MATT:
        if m.nyckel == "ej_informerade" or (valda is not None and m.nyckel not in valda):
            continue
        if m.nyckel == "informerade":
            celler = [andel(pub, enhet, k) for k in kolumner]
            tabell.rader.append(Rad(m.rubrik, celler, utveckling_andel(celler), nyckel=m.nyckel))
            continue
        celler = [pub.cell(m.nyckel, enhet, k) for k in kolumner]
        if m.nyckel in DELRADER and all(c is SAKNAS or c.varde == 0 for c in celler):
            continue  # a reason or problem that never occurred (a hidden count is not zero)
        tabell.rader.append(Rad(m.rubrik, celler, utveckling(celler), m.indrag, m.nyckel))
    if medel:
        for namn, rubrik in MEDEL:
            celler = [pub.cell(f"medel.{namn}", enhet, k) for k in kolumner]
            tabell.rader.append(
                Rad(rubrik, celler, utveckling_medel(celler), nyckel=f"medel.{namn}")
            )
    return tabell


@dataclass
class Fordelning:
    """A published table by age band (rows) and sex (columns), with its margins."""

    rader: list[list[Cell]]
    summarad: list[Cell]


def kon_och_alder(pub: Publicerat, total: str, enhet: str | int, kolumn: str) -> Fordelning:
    from uppfoljning.indikatorer import ALDERSGRUPPER, KON

    rader = [
        [pub.cell(f"{total}.ka.{k}.{g}", enhet, kolumn) for k, _ in KON]
        + [pub.cell(f"{total}.alder.{g}", enhet, kolumn)]
        for g, _ in ALDERSGRUPPER
    ]
    summa = [pub.cell(f"{total}.kon.{k}", enhet, kolumn) for k, _ in KON]
    return Fordelning(rader, [*summa, pub.cell(total, enhet, kolumn)])


def social(
    pub: Publicerat, enhet: str | int, kolumn: str
) -> list[tuple[str, list[tuple[str, Cell, Cell]]]]:
    from uppfoljning.indikatorer import SOCIALA_FALT

    ut = []
    for rubrik, prefix, koder in SOCIALA_FALT:
        rader = [
            (
                namn,
                pub.cell(f"social.{prefix}_start.{kod}", enhet, kolumn),
                pub.cell(f"social.{prefix}_slut.{kod}", enhet, kolumn),
            )
            for kod, namn in koder
        ]
        if any(a.varde or b.varde or a.dold or b.dold for _, a, b in rader):
            ut.append((rubrik, rader))
    return ut


def villkor(pub: Publicerat, enhet: str | int, kolumn: str) -> list[tuple[str, Cell]]:
    prefix = "villkor_ej.typ."
    typer = sorted(
        m[len(prefix) :]
        for (m, e, k) in pub.poster
        if e == str(enhet) and k == kolumn and m.startswith(prefix)
    )
    # The page shows the villkor type as staff know it ("Folkbokförd i kommunen"), not its
    # code; a code no longer in the list is shown as it is.
    namn = dict(Villkor.Typ.choices)
    return [(namn.get(t, t), pub.cell(prefix + t, enhet, kolumn)) for t in typer]


def revisionstabell(
    pub: Publicerat, enheter: Sequence[tuple[str, str | int]], i_publicering: str
) -> list[tuple[str, str, list[Cell]]]:
    """Late registrations published with a publication: per earlier period and unit, the
    counts of the sub-period measures ("efterregistrerat: +n")."""
    matt = [m for m in MATT if m.delperiod and m.nyckel != "unika"]
    ut = []
    for kolumn in pub.revisioner(i_publicering):
        for namn, enhet in enheter:
            celler = [pub.cell(m.nyckel, enhet, kolumn) for m in matt]
            if any(c.varde or c.dold for c in celler):
                ut.append((kolumn.split("@")[0], namn, [_tecken(c) for c in celler]))
    return ut


def revisionsmatt() -> list[str]:
    return [m.rubrik.lstrip("– ") for m in MATT if m.delperiod and m.nyckel != "unika"]


def _tecken(c: Cell) -> Cell:
    if c.varde is None or c.varde <= 0:
        return c
    return Cell(f"+{c.varde}", c.varde)


def kostnad(
    kronor: int | None, pub: Publicerat, enhet: str | int, kolumn: str
) -> dict[str, str] | None:
    """Cost per participant and per session, from the published counts only: where a count
    is hidden, so is the cost per it – said so, not shown as the "–" of nothing published."""
    if not kronor:
        return None

    def per(matt: str) -> str:
        antal = pub.cell(matt, enhet, kolumn)
        if antal.dold:
            return f"dolt ({DOLT}), eftersom antalet är dolt"
        n = antal.varde
        return f"{round(kronor / n):,} kr".replace(",", " ") if n else "–"

    return {"per_deltagare": per("unika"), "per_tillfalle": per("tillfallen")}


def som_json(tabell: Indikatortabell) -> dict[str, Any]:
    """What a signed follow-up keeps: the published text, as shown beside it."""
    return {
        "perioder": tabell.perioder,
        "rader": [
            {
                "rubrik": r.rubrik,
                "nyckel": r.nyckel,
                "celler": [c.visning for c in r.celler],
                "utveckling": r.utveckling,
                "indrag": r.indrag,
            }
            for r in tabell.rader
        ],
    }
