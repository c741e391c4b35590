"""The internal-control table per risk, as Sala's follow-up of its internal-control plan sets
it out (control area, risk, control activity, how often, who, and the follow-up: result,
conclusion, measure), for the risks of insatser utan individuell behovsprövning. The result
is filled from what the registry knows – published counts only, so a hidden count stays
hidden and a share is computed only from shown counts – and the conclusion follows from it
where a rule can tell; where it cannot, the verksamhetschef judges, and the table says so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dokumentation import statistik
from organisation.models import Utforare
from uppfoljning.rojandeskydd import DOLT, Cell

if TYPE_CHECKING:
    from uppfoljning.rapport import Rapport

LAGAR = "Efterlevnad av lagar, riktlinjen och nämndens beslut"
KVALITET = "Grunduppdragets utförande – kvalitet"
SKYDD = "Skydd av personuppgifter"

INGEN_AVVIKELSE = "Ingen avvikelse."
AVVIKELSE = "Avvikelse."
KAN_INTE = "Kan inte bedömas ur registret: talet är dolt eller inte publicerat."
BEDOMS = "Bedöms av verksamhetschefen."
UTAN_GRANS = "Nämnden har ingen gräns för talet: bedöms av verksamhetschefen mot året före."
INGEN_ATGARD = "Ingen åtgärd behövs."


@dataclass
class Riskrad:
    omrade: str
    risk: str
    kontroll: str
    frekvens: str
    ansvarig: str
    resultat: str
    slutsats: str
    atgard: str

    RUBRIKER = (
        "Kontrollområde",
        "Risk",
        "Kontrollaktivitet",
        "Frekvens",
        "Uppföljningsansvarig",
        "Resultat",
        "Slutsats",
        "Åtgärd",
    )

    def som_rad(self) -> list[str]:
        return [
            self.omrade,
            self.risk,
            self.kontroll,
            self.frekvens,
            self.ansvarig,
            self.resultat,
            self.slutsats,
            self.atgard,
        ]


@dataclass
class Underlag:
    """The year's shown cells of the whole catalogue, by measure."""

    celler: dict[str, Cell]
    foregaende: dict[str, Cell]

    def visning(self, nyckel: str) -> str:
        c = self.celler.get(nyckel)
        return c.visning if c is not None else "–"

    def varde(self, nyckel: str) -> int | None:
        c = self.celler.get(nyckel)
        return None if c is None else c.varde


def _slutsats(avvikelse: bool | None, atgard: str) -> tuple[str, str]:
    if avvikelse is None:
        return KAN_INTE, BEDOMS
    return (AVVIKELSE, atgard) if avvikelse else (INGEN_AVVIKELSE, INGEN_ATGARD)


def _andel_avbrutna(celler: dict[str, Cell]) -> str:
    avslutade, avbrutna = celler.get("avslutade"), celler.get("avbrutna")
    if avslutade is None or avbrutna is None:
        return "–"
    if avslutade.varde is None or avbrutna.varde is None:
        return DOLT if (avslutade.dold or avbrutna.dold) else "–"
    summa = avslutade.varde + avbrutna.varde
    return f"{round(100 * avbrutna.varde / summa)} %" if summa else "–"


def _information(u: Underlag) -> tuple[str, bool | None]:
    procent = u.varde("informerade")  # the share, from shown counts only
    return (
        f"Andel informerade: {u.visning('informerade')}.",
        None if procent is None else procent < 100,
    )


def _taket(u: Underlag) -> tuple[str, bool | None]:
    over = u.varde("over_taket")
    return (
        f"Tillfällen över taket (med skäl): {u.visning('over_taket')}; hänvisade att ansöka "
        f"vid taket: {u.visning('hanvisade_vid_tak')}.",
        None if over is None else over > 0,
    )


def _identitet(u: Underlag) -> tuple[str, bool | None]:
    stoppade, utan_skal = u.varde("avvisade"), u.varde("utan_skal")
    return (
        f"Fritexter som stoppades för att de kunde röja identitet: {u.visning('avvisade')}; "
        f"insatser med 14 kap. 5 § utan motivering i beslutet (nu): {u.visning('utan_skal')}.",
        None if stoppade is None or utan_skal is None else stoppade + utan_skal > 0,
    )


def _avbrutna(u: Underlag) -> tuple[str, bool | None]:
    fore = _andel_avbrutna(u.foregaende)
    return (
        f"Avslutade enligt plan: {u.visning('avslutade')}; avbrutna i förtid: "
        f"{u.visning('avbrutna')}; andel avbrutna: {_andel_avbrutna(u.celler)}"
        + (f" (året före: {fore})" if u.foregaende else "")
        + ". En deltagarkod som ersatts av en ny räknas inte som avbruten.",
        None,
    )


#: (area, risk, control activity, how often, who, result and deviation, measure on deviation)
RISKER: list[tuple[str, str, str, str, str, Callable[[Underlag], tuple[str, bool | None]], str]]
RISKER = [
    (
        LAGAR,
        "Den som vänder sig till utföraren får inte veta att hen kan ansöka om en "
        "behovsprövad insats (11 kap. 6 §).",
        "Andel kontakter där informationen registrerats.",
        "Löpande, sammanställs årligen",
        "Verksamhetschef",
        _information,
        "Gå igenom informationsskyldigheten med utförarna; följ upp per insats.",
    ),
    (
        LAGAR,
        "Insatser ges utöver nämndens tak utan behovsprövning (11 kap. 5 §).",
        "Tillfällen registrerade över taket och deras skäl; hänvisningar vid taket.",
        "Årligen",
        "Verksamhetschef",
        _taket,
        "Gå igenom skälen med enhetscheferna; hänvisa att ansöka när taket nås.",
    ),
    (
        SKYDD,
        "Uppgifter som kan röja identitet dokumenteras i insatser utan identitet (14 kap. 4–5 §§).",
        "Fritexter som registret stoppat; beslut om 14 kap. 5 § utan särskilda skäl.",
        "Årligen",
        "Verksamhetschef och nämndsekreterare",
        _identitet,
        "Påminn personalen om att inte skriva namn eller kontaktuppgifter; nämnden "
        "kompletterar beslut som saknar motivering.",
    ),
    (
        KVALITET,
        "Deltaganden avbryts i hög grad eller avslutas inte.",
        "Avslutade och avbrutna deltaganden, andelen avbrutna jämförd med året före.",
        "Årligen",
        "Enhetschef",
        _avbrutna,
        "",
    ),
]


def riskrader(r: Rapport, utforare_ids: list[int]) -> list[Riskrad]:
    """The table for the report's year."""
    kolumn = len(r.perioder) - 1
    celler = {x.nyckel: x.celler[kolumn] for x in [*r.kommun.rader, *r.internkontroll]}
    foregaende = {x.nyckel: x.celler[kolumn - 1] for x in r.kommun.rader} if kolumn > 0 else {}
    u = Underlag(celler, foregaende)
    rader = []
    for omrade, risk, kontroll, frekvens, ansvarig, resultat, atgard in RISKER:
        text, avvikelse = resultat(u)
        slutsats, gor = _slutsats(avvikelse, atgard) if atgard else (UTAN_GRANS, BEDOMS)
        rader.append(Riskrad(omrade, risk, kontroll, frekvens, ansvarig, text, slutsats, gor))
    rader.append(_uppfoljningarna(r, u))
    rader.append(_loggkontrollen(r.ar, utforare_ids))
    rader.append(_sena(r))
    return rader


def _uppfoljningarna(r: Rapport, u: Underlag) -> Riskrad:
    antal = sum(1 for d in r.insatser if d.fanns[-1])
    signerade, i_tid = u.varde("signerade") or 0, u.varde("i_tid") or 0
    slutsats, atgard = _slutsats(
        signerade < antal or i_tid < signerade,
        "Enhetscheferna signerar de årsuppföljningar som saknas; påminnelse före 31 mars.",
    )
    return Riskrad(
        KVALITET,
        "Insatserna följs inte upp av ansvarig enhetschef minst en gång per år (riktlinjen).",
        "Signerade årsuppföljningar, och om de signerades senast 31 mars året efter.",
        "Årligen",
        "Verksamhetschef",
        f"Signerade: {signerade} av {antal} insatser; i tid: {i_tid}.",
        slutsats,
        atgard,
    )


def _loggkontrollen(ar: int, utforare_ids: list[int]) -> Riskrad:
    per_manad = statistik.loggkontroll_per_manad(utforare_ids, ar)
    manader, granskade = len(per_manad), sum(per_manad.values())
    ej = sorted(um for um, ok in per_manad.items() if not ok)
    # The names only when a month is missing: a report with every month reviewed asks no more.
    namn = (
        dict(Utforare.objects.filter(pk__in={u for u, _ in ej}).values_list("pk", "namn"))
        if ej
        else {}
    )
    saknas = [f"{namn.get(u, u)} {ar}-{m:02d}" for u, m in ej]
    slutsats, atgard = _slutsats(
        granskade < manader,
        "Enhetscheferna, och verksamhetschefen för enhetschefernas egna läsningar och för "
        "utförare utan enhetschef, granskar loggen för de månader som saknas.",
    )
    return Riskrad(
        SKYDD,
        "Obehörig läsning av identifierade uppgifter (14 kap. 3 §) upptäcks inte.",
        "Enhetschefens månatliga loggkontroll av åtkomstloggen. Verksamhetschefen granskar "
        "enhetschefernas egna läsningar och all läsning hos en utförare utan enhetschef.",
        "Månadsvis",
        "Enhetschef",
        f"Månader med läsningar i loggen: {manader}, varav granskade: {granskade} "
        "(räknat per utförare; en månad är granskad när varje läsning har granskats)."
        + (f" Ej granskade: {'; '.join(saknas)}." if saknas else ""),
        slutsats,
        atgard,
    )


def _sena(r: Rapport) -> Riskrad:
    """Late registrations into the year's earlier sub-periods, as published with the year."""
    kontakter = r.revisionsmatt.index("Kontakter") if "Kontakter" in r.revisionsmatt else 0
    sena = [(period, celler[kontakter]) for period, namn, celler in r.revisioner]
    dolda = any(c.dold for _, c in sena)
    antal = sum(c.varde or 0 for _, c in sena)
    text = (
        "; ".join(f"{p}: {c.visning}" for p, c in sena)
        if sena
        else "Inga efterregistreringar i årets delperioder."
    )
    slutsats, atgard = _slutsats(
        None if dolda and not antal else antal > 0,
        "Påminn om att registrera samma dag; delårsrapportens tal var för låga.",
    )
    return Riskrad(
        KVALITET,
        "Registreringar görs sent, så att delårsrapporterna ger nämnden för låga tal.",
        "Kontakter registrerade efter att delperioden publicerats.",
        "Per halvår eller tertial",
        "Enhetschef",
        f"Efterregistrerade kontakter: {text}",
        slutsats,
        atgard,
    )


def som_tabell(rader: list[Riskrad]) -> list[list[Any]]:
    return [list(Riskrad.RUBRIKER), *(x.som_rad() for x in rader)]
