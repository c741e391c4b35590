"""The internal control per risk in the board report: one row per risk with its control,
the result from the registry (published counts only: a hidden count stays hidden), the
conclusion and the measure; on the page, in the PDF's HTML and as its own XLSX sheet."""

import io

import openpyxl
from django.urls import reverse

from tests.uppfoljning.test_namndrapport import AR, _tre_ar, tre_ar  # noqa: F401
from uppfoljning.internkontrollplan import AVVIKELSE, INGEN_AVVIKELSE, UTAN_GRANS, Riskrad
from uppfoljning.rapport import bygg_rapport


def test_every_risk_has_its_control_result_and_conclusion(tre_ar):
    risker = bygg_rapport(tre_ar["katalog"], AR).risker
    assert len(risker) == 7
    assert all(x.risk and x.kontroll and x.resultat and x.slutsats and x.atgard for x in risker)
    per_risk = {x.risk.split(" (")[0]: x for x in risker}
    info = per_risk[
        "Den som vänder sig till utföraren får inte veta att hen kan ansöka om en"
        " behovsprövad insats"
    ]
    assert info.resultat == "Andel informerade: 100 %." and info.slutsats == INGEN_AVVIKELSE
    # Three insatser existed; one follow-up is signed for the year.
    uppf = next(x for x in risker if x.risk.startswith("Insatserna följs inte upp"))
    assert uppf.resultat.startswith("Signerade: 1 av 3 insatser") and uppf.slutsats == AVVIKELSE
    logg = next(x for x in risker if x.risk.startswith("Obehörig läsning"))
    assert "Månader med läsningar i loggen: 0" in logg.resultat
    avbrutna = next(x for x in risker if x.risk.startswith("Deltaganden avbryts"))
    assert "andel avbrutna" in avbrutna.resultat and avbrutna.slutsats == UTAN_GRANS


def test_the_page_and_the_workbook_show_the_table(client, tre_ar, verksamhetschef):
    client.force_login(verksamhetschef)
    sida = client.get(reverse("uppfoljning:rapport", args=[AR])).text
    assert f"Intern kontroll per risk {AR}" in sida
    assert "Enhetschefens månatliga loggkontroll av åtkomstloggen." in sida
    fil = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"])).content
    blad = openpyxl.load_workbook(io.BytesIO(fil))["Intern kontroll per risk"]
    rader = [[c.value for c in rad] for rad in blad.iter_rows()]
    assert tuple(rader[0]) == Riskrad.RUBRIKER
    assert len(rader) == 8
