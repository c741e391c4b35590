"""The nämnd's report as a workbook a controller can work in: every shown count stored as a
number (shares as percentages, means with one decimal, kronor as whole numbers), a hidden
count as the text "×" and a missing one as "–", explained on the sheet "Förklaringar"."""

from __future__ import annotations

import io
from typing import Any

from grund.kalkyl import kalkylsaker
from uppfoljning.internkontrollplan import som_tabell
from uppfoljning.publicerat import forandring
from uppfoljning.rapport import KRONOR, PROCENT, Rapport, som_celler
from uppfoljning.rojandeskydd import Cell, troskel

FORKLARINGAR = [
    (
        "Källa",
        "Alla tal kommer från den publicerade, frysta statistiken. Ett tal ändras aldrig efter "
        "publiceringen; det som registreras senare redovisas som efterregistrerat.",
    ),
    (
        "×",
        "Dolt: ett litet tal (1–{k}) eller ett tal som döljs för att ett litet tal inte ska "
        "kunna räknas fram ur andra tal. Cellen är text, inte noll, och räknas inte med i en "
        "summa.",
    ),
    (
        "–",
        "Inget publicerat: insatsen fanns inte det året, måttet publiceras inte för den, eller "
        "talet (ibland en hel fördelning) hålls inne för att ett litet tal inte ska kunna "
        "räknas fram.",
    ),
    (
        "Utveckling",
        "Förändringen från året innan, bara mellan två visade tal: för en andel i "
        "procentenheter (p.e.), för ett medelvärde som skillnaden. Kolumnerna Förändring och "
        "Förändring (%) är samma sak som tal.",
    ),
    (
        "Härledda tal",
        "Andelar och kostnader per deltagare, tillfälle och invånare räknas bara ur visade tal; "
        "där antalet är dolt är också kostnaden per det dold.",
    ),
    ("År utan data", "Ett år utan publicerade tal för katalogen visas inte som en kolumn nollor."),
]


def _tal(cell: Cell, nyckel: str) -> tuple[Any, str | None]:
    """A cell's value for the sheet and its number format."""
    if cell.varde is None:
        return cell.visning or None, None
    if nyckel in PROCENT:
        return cell.varde / 100, "0%"
    if nyckel.startswith("medel."):
        return cell.varde / 10, "0.0"
    if nyckel in KRONOR:
        return cell.varde, '#,##0" kr"'
    return cell.varde, "#,##0"


def arbetsbok(r: Rapport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    fet = Font(bold=True)
    bok = Workbook()
    forsatt = bok.active
    assert forsatt is not None  # noqa: S101 - a new workbook has a sheet
    forsatt.title = "Försättsblad"
    forsatt.append([f"Uppföljning av insatser utan individuell behovsprövning {r.ar}"])
    forsatt["A1"].font = Font(bold=True, size=14)
    for rubrik, varde in r.forsattsblad.rader():
        forsatt.append([rubrik, varde])
    forsatt.column_dimensions["A"].width = 24
    forsatt.column_dimensions["B"].width = 60

    samman = bok.create_sheet("Sammanfattning")
    samman.append(["Sammanfattning"])
    samman["A1"].font = fet
    if r.sammanfattning_text:
        samman.append([r.sammanfattning_text])
    for mening in r.sammanfattning:
        samman.append([mening])
    samman.column_dimensions["A"].width = 110
    for rad in samman.iter_rows(min_row=2):
        rad[0].alignment = Alignment(wrap_text=True, vertical="top")

    blad = bok.create_sheet("Indikatorer")
    nycklar = _nycklar(r)
    rader = _kalkylsakra(som_celler(r))
    blad.append([*rader[0], "Förändring", "Förändring (%)"])
    for cell in blad[1]:
        cell.font = fet
    n = len(r.perioder)
    for nr, (rad, nyckel) in enumerate(zip(rader[1:], nycklar, strict=True), start=2):
        celler = [c for c in rad[2 : 2 + n] if isinstance(c, Cell)]
        diff, andel = (
            forandring(celler, nyckel)
            if len(celler) == n and rad[-1] not in ("", None) and rad[-1] != "–"
            else (None, None)
        )
        blad.append([rad[0], rad[1], *[None] * n, rad[-1], diff, andel])
        for kol, c in enumerate(rad[2 : 2 + n], start=3):
            tal, format_ = _tal(c, nyckel) if isinstance(c, Cell) else (c or None, None)
            cell = blad.cell(row=nr, column=kol, value=tal)
            if format_:
                cell.number_format = format_
            cell.alignment = Alignment(horizontal="right")
        if andel is not None:
            blad.cell(row=nr, column=n + 5).number_format = "+0%;-0%;0%"
        if diff is not None and nyckel in PROCENT:
            blad.cell(row=nr, column=n + 4).number_format = '+0" p.e.";-0" p.e.";0" p.e."'
        elif diff is not None and nyckel.startswith("medel."):
            blad.cell(row=nr, column=n + 4).number_format = "+0.0;-0.0;0.0"
    blad.freeze_panes = "C2"
    blad.auto_filter.ref = f"A1:{get_column_letter(n + 5)}{blad.max_row}"
    blad.column_dimensions["A"].width = 36
    blad.column_dimensions["B"].width = 55

    bedom = bok.create_sheet("Bedömningar")
    bedom.append(
        [
            "Insats",
            "Utförare",
            "Bedömning",
            "Förslag",
            "Analys",
            "Sammanfattning",
            "Slutsats",
            "Signerad",
        ]
    )
    for cell in bedom[1]:
        cell.font = fet
    for d in r.insatser:
        u = d.uppfoljning
        bedom.append(
            [
                d.insats.namn,
                str(d.insats.utforare or ""),
                u.get_bedomning_display() if u else "Inte signerad",
                (u.get_forslag_display() + (f": {u.forslag_text}" if u.forslag_text else ""))
                if u
                else "",
                u.analys if u else "",
                u.sammanfattning if u else "",
                u.slutsats if u else "",
                u.signerad.date() if u and u.signerad else None,
            ]
        )
    for bokstav, bredd in zip("ABCDEFGH", [36, 28, 16, 30, 60, 50, 50, 12], strict=True):
        bedom.column_dimensions[bokstav].width = bredd
    bedom.freeze_panes = "B2"

    riktlinje = bok.create_sheet("Riktlinjen")
    riktlinje.append(["Period", "Avsnitt", "Text", "Signerad"])
    for cell in riktlinje[1]:
        cell.font = fet
    for del_ in r.riktlinje:
        for rubrik, text in del_.avsnitt:
            riktlinje.append([del_.period, rubrik, text, del_.signerad.date()])
    if not r.riktlinje:
        riktlinje.append([str(r.ar), "Ingen uppföljning av riktlinjen är signerad.", "", None])
    for bokstav, bredd in zip("ABCD", [18, 40, 100, 12], strict=True):
        riktlinje.column_dimensions[bokstav].width = bredd
    for rad in riktlinje.iter_rows(min_row=2):
        rad[2].alignment = Alignment(wrap_text=True, vertical="top")

    risker = bok.create_sheet("Intern kontroll per risk")
    for rad in som_tabell(r.risker):
        risker.append(rad)
    for cell in risker[1]:
        cell.font = fet
    for bokstav, bredd in zip("ABCDEFGH", [28, 50, 45, 18, 22, 60, 28, 50], strict=True):
        risker.column_dimensions[bokstav].width = bredd
    for rad in risker.iter_rows(min_row=2):
        for cell in rad:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    forkl = bok.create_sheet("Förklaringar")
    forkl.append(["Tecken eller ord", "Betydelse"])
    for cell in forkl[1]:
        cell.font = fet
    for tecken, text in FORKLARINGAR:
        forkl.append([tecken, text.format(k=troskel() - 1)])
    forkl.column_dimensions["A"].width = 18
    forkl.column_dimensions["B"].width = 110
    # The texts typed in: the cover and the summary (the nämndsekreterare), the assessments
    # and the guideline's follow-up.
    for typat in (forsatt, samman, bedom, riktlinje, risker):
        _kalkylsakra_blad(typat)
    bok.active = bok.index(blad)
    buffert = io.BytesIO()
    bok.save(buffert)
    return buffert.getvalue()


def _nycklar(r: Rapport) -> list[str]:
    """The measure of every row of `som_celler` after its header, in the same order."""
    ut = [x.nyckel for x in r.kommun.rader] + [x.nyckel for x in r.kostnad.rader]
    for d in r.insatser:
        ut += [x.nyckel for x in d.tabell.rader]
    ut += [x.nyckel for x in r.internkontroll]
    ut += ["revision" for _ in r.revisioner for _ in r.revisionsmatt]
    return ut


def _kalkylsakra(rader: list[list[Any]]) -> list[list[Any]]:
    """Every text a spreadsheet would read as a formula made text (grund.kalkyl)."""
    return [[kalkylsaker(c) for c in rad] for rad in rader]


def _kalkylsakra_blad(blad: Any) -> None:
    for rad in blad.iter_rows(min_row=2):
        for cell in rad:
            if isinstance(cell.value, str):
                cell.value = _kalkylsakra([[cell.value]])[0][0]
