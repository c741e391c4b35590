"""11 kap. 5 §: only the nämnd decides what is IUB. Its decisions are the catalogue's time
axis: what a decision needs, when it takes effect, how it ends an insats, and the days the
decisions have it in force."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from insatser.regler.begrepp import SOL_11_5, Overtradelse


def sol_11_kap_5_beslutsdatum(*, datum: datetime.date, idag: datetime.date) -> list[Overtradelse]:
    """11 kap. 5 §: only the nämnd decides what is IUB, and its decision is recorded once it is
    made: a decision's date is never in the future. What it decides for a later day has its own
    effective date (gäller från)."""
    if datum <= idag:
        return []
    return [
        Overtradelse(
            kod="beslut_i_framtiden",
            meddelande="Ett beslut kan inte ha ett datum i framtiden.",
            regel=SOL_11_5,
            falt="datum",
        )
    ]


def sol_11_kap_5_beslutsunderlag(
    *, namn: str | None, innehall: str | None, malgrupp: str | None, slag: str | None
) -> list[Overtradelse]:
    """11 kap. 5 §: the nämnd decides an insats it can see – its name, what it is, whom it is
    for and what kind it is – so that the exclusions can be judged; without them it is not
    decided or published."""
    saknas = [
        (falt, vad)
        for falt, vad, varde in (
            ("namn", "ett namn", namn),
            ("innehall", "vad insatsen innehåller", innehall),
            ("malgrupp", "vem den riktar sig till", malgrupp),
            ("slag", "vilket slags insats det är", slag),
        )
        if not (varde or "").strip()
    ]
    return [
        Overtradelse(
            kod=f"{falt}_saknas",
            meddelande=f"Ange {vad} innan nämnden beslutar om insatsen ({SOL_11_5}).",
            regel=SOL_11_5,
            falt=falt,
        )
        for falt, vad in saknas
    ]


def sol_11_kap_5_beslut_kravs_for_andring(*, status: str, har_beslut: bool) -> list[Overtradelse]:
    """11 kap. 5 §: only the nämnd decides what is IUB, so a decided insats changes only under
    a recorded board decision."""
    if status != "utkast" and not har_beslut:
        return [
            Overtradelse(
                kod="beslut_kravs",
                meddelande=(
                    "Insatsen är beslutad av nämnden och kan bara ändras genom ett registrerat "
                    f"nämndbeslut ({SOL_11_5})."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    return []


def sol_11_kap_5_beslutets_tid(
    *,
    rattelse: bool,
    galler_fran: datetime.date | None,
    i_kraft_sedan: datetime.date | None,
    forsta_beslut: bool,
    okant: bool,
    vantande_fran: datetime.date | None = None,
) -> list[Overtradelse]:
    """11 kap. 5 §: the nämnd's decisions are the catalogue's time axis. A change under a new
    decision takes effect on that decision's effective date (`galler_fran`), which cannot lie
    before that of the decision the insats stands under (`i_kraft_sedan`): an older decision
    changes nothing that a later one has decided. A decision may take effect on a later day
    (decided in November for 1 January): the change then waits for its day, and while one
    waits (`vantande_fran`) no other decision changes the insats – which of the two would
    stand after that day is the nämnd's to say, so the waiting one is withdrawn first. A
    correction (rättelse) changes what a recorded decision says, from its date, so it needs
    one (not a draft's, and not a decision recorded as unknown)."""
    if rattelse and (forsta_beslut or okant):
        vad = (
            "Ett utkast har inget nämndbeslut att rätta"
            if forsta_beslut
            else "Beslutet är okänt och kan inte rättas; för in nämndens beslut först"
        )
        return [Overtradelse(kod="rattelse_utan_beslut", meddelande=f"{vad}.", regel=SOL_11_5)]
    if not rattelse and vantande_fran is not None:
        return [
            Overtradelse(
                kod="andring_vantar",
                meddelande=(
                    "Nämnden har redan beslutat en ändring som gäller från "
                    f"{vantande_fran.isoformat()} och väntar på sin dag. Återkalla den först "
                    "om den ska ersättas, eller för in det nya beslutet när den gäller."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    if (
        not rattelse
        and galler_fran is not None
        and i_kraft_sedan is not None
        and galler_fran < i_kraft_sedan
    ):
        return [
            Overtradelse(
                kod="beslut_fore_gallande",
                meddelande=(
                    f"Beslutet gäller från {galler_fran.isoformat()}, före beslutet som "
                    f"insatsen gäller enligt (från {i_kraft_sedan.isoformat()}). Välj ett "
                    "senare beslut, eller spara ändringen som en rättelse av det gällande "
                    "beslutet."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    return []


def sol_11_kap_5_sista_dag(
    *, sista_dag: datetime.date, galler_fran: datetime.date
) -> list[Overtradelse]:
    """11 kap. 5 §: a decision ends an insats from the day it takes effect at the earliest,
    so the last day is at the earliest the day before."""
    if sista_dag >= galler_fran - datetime.timedelta(days=1):
        return []
    return [
        Overtradelse(
            kod="upphor_fore_beslutet",
            meddelande=(
                f"Beslutet gäller från {galler_fran.isoformat()}. Insatsen kan upphöra tidigast "
                "så att dagen före är den sista."
            ),
            regel=SOL_11_5,
            falt="sista_dag",
        )
    ]


def giltighetstid_fel(
    *,
    giltig_fran: datetime.date | None,
    giltig_till: datetime.date | None,
    falt: str = "giltig_till",
) -> list[Overtradelse]:
    """An insats's last day in force (gäller till och med) is never before its first (gäller
    från): one rule for the secretary's form, the services that write (an edit, an ending, an
    import) and the database's CHECK `insats_slutar_inte_fore_start`. `falt` is the field of
    the last day (`sista_dag` when the nämnd ends the insats)."""
    if giltig_fran is None or giltig_till is None or giltig_till >= giltig_fran:
        return []
    return [
        Overtradelse(
            kod="slutar_fore_start",
            meddelande=(
                "Sista dagen kan inte ligga före den dag insatsen börjar gälla "
                f"({giltig_fran.isoformat()})."
            ),
            regel="",
            falt=falt,
        )
    ]


def sol_11_kap_5_i_kraft(
    datum: datetime.date,
    *,
    perioder: Sequence[tuple[datetime.date, datetime.date | None]],
    falt: str = "datum",
) -> list[Overtradelse]:
    """11 kap. 5 §: something is registered under an insats only for a day the nämnd's
    decisions had it in force – within one of its periods (from, through; None: not ended).
    An insats that ended and was decided again from a later day has two, and nothing is
    registered in the gap between them: the decisions did not offer it then. No period (an
    insats not yet decided) refuses nothing here; whether it may be used at all is decided
    where it is fetched. The periods come from the decision history
    (insatser.historik.perioder_i_kraft)."""
    if not perioder or any(
        fran <= datum and (till is None or datum <= till) for fran, till in perioder
    ):
        return []
    forsta = perioder[0][0]
    if datum < forsta:
        return [
            Overtradelse(
                kod="fore_insatsen",
                regel=SOL_11_5,
                falt=falt,
                meddelande=f"Insatsen gäller från {forsta:%Y-%m-%d}; datumet ligger före.",
            )
        ]
    slut = max(till for _, till in perioder if till is not None and till < datum)
    igen = min((fran for fran, _ in perioder if fran > datum), default=None)
    dar = (
        f"Insatsen upphörde efter {slut:%Y-%m-%d} och gäller igen från {igen:%Y-%m-%d}"
        if igen is not None
        else f"Insatsen upphörde efter {slut:%Y-%m-%d}"
    )
    return [
        Overtradelse(
            kod="insatsen_galler_inte",
            regel=SOL_11_5,
            falt=falt,
            meddelande=f"{dar}: nämnden erbjöd den inte {datum:%Y-%m-%d}. Välj en dag då "
            "insatsen gällde.",
        )
    ]


def beslutet_andrar_nagot(*, andras: bool, vad: str, falt: str | None = None) -> list[Overtradelse]:
    """A decision recorded for a later day changes something in what it is recorded for
    (`vad`: "insatsen", "katalogens uppgifter"). One that changes nothing is a slip: what was
    meant is either the change the nämnd decided or a correction, which needs no decision."""
    if andras:
        return []
    return [
        Overtradelse(
            kod="andrar_ingenting",
            meddelande=f"Beslutet ändrar ingenting i {vad}. Ändra det som nämnden beslutade, "
            "eller välj inget beslut för en rättelse.",
            regel="",
            falt=falt,
        )
    ]
