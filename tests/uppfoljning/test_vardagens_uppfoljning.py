"""The yearly follow-up and the board report as staff and the board read them: the change
column of shares and means, no table of visits for an insats without visits, the risk table
in the CSV too, and the log review's row kept with the report consistently."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dokumentation.logg.models import Logggranskning
from insatser.models import Insats
from tests.factories import InsatsFactory
from tests.uppfoljning.test_uppfoljning import AR, _dataset, dataset  # noqa: F401 - fixtures
from uppfoljning import rapportcache
from uppfoljning.models import Arsuppfoljning
from uppfoljning.publicerat import (
    Fordelning,
    forandring,
    utveckling_andel,
    utveckling_for,
    utveckling_medel,
    utveckling_sparad,
)
from uppfoljning.rapport import RISKDEL
from uppfoljning.rojandeskydd import Cell
from uppfoljning.templatetags.skyddade import utveckling
from uppfoljning.tillampliga import fordelning_tillamplig

SAKNAS = Cell("–", None)


def test_a_share_changes_in_percentage_points_and_a_mean_by_its_difference():
    assert utveckling_andel([Cell("90 %", 90), Cell("97 %", 97)]) == "+7 p.e."
    assert utveckling_andel([Cell("97 %", 97), Cell("90 %", 90)]) == "-7 p.e."
    assert utveckling_andel([Cell("90 %", 90), Cell("90 %", 90)]) == "±0 p.e."
    assert utveckling_andel([SAKNAS, Cell("90 %", 90)]) == "–"
    assert utveckling_andel([Cell("×", None), Cell("90 %", 90)]) == "–"
    # Means are stored in tenths.
    assert utveckling_medel([Cell("3,2", 32), Cell("3,5", 35)]) == "+0,3"
    assert utveckling_medel([Cell("3,5", 35), Cell("3,2", 32)]) == "-0,3"
    assert utveckling_medel([Cell("3,5", 35), Cell("3,5", 35)]) == "±0,0"
    assert utveckling_medel([Cell("3,5", 35)]) == "–"
    assert utveckling_for("informerade", [Cell("90 %", 90), Cell("95 %", 95)]) == "+5 p.e."
    assert utveckling_for("medel.maende_slut", [Cell("3,0", 30), Cell("4,0", 40)]) == "+1,0"
    assert utveckling_for("kontakter", [Cell("10", 10), Cell("15", 15)]) == "+5 (+50%)"
    # The spreadsheet's numbers: points and a plain difference, no change in per cent.
    assert forandring([Cell("90 %", 90), Cell("95 %", 95)], "informerade") == (5, None)
    assert forandring([Cell("3,0", 30), Cell("3,5", 35)], "medel.vantetid") == (0.5, None)
    assert forandring([Cell("10", 10), Cell("15", 15)], "kontakter") == (5, 0.5)


def test_the_change_column_says_its_unit_to_a_screen_reader():
    andel = str(utveckling({"nyckel": "informerade", "utveckling": "+5 p.e."}))
    assert '<span aria-hidden="true">+5 p.e.</span>' in andel
    assert '<span class="visuellt-dold">+5 procentenheter</span>' in andel
    medel = str(utveckling({"nyckel": "medel.maende_slut", "utveckling": "+0,3"}))
    assert medel.startswith("+0,3") and "i medelvärde" in medel
    ingen = str(utveckling({"nyckel": "medel.maende_slut", "utveckling": "–"}))
    assert "ingen jämförelse" in ingen
    # A row without a change of its own and not a share or a mean stays as signed.
    assert str(utveckling({"nyckel": "kontakter", "utveckling": ""})) == ""


def test_a_follow_up_signed_before_shares_had_a_change_shows_it_from_what_was_signed():
    # Such follow-ups kept "" in the change cell of shares and means: the change is computed
    # from the cells as signed, under the same rule as a follow-up signed today.
    andel = {"nyckel": "informerade", "celler": ["–", "90 %", "97 %"], "utveckling": ""}
    assert utveckling_sparad(andel) == "+7 p.e."
    assert "+7 procentenheter" in str(utveckling(andel))
    medel = {"nyckel": "medel.maende_slut", "celler": ["3,5", "3,2", "3,5"], "utveckling": ""}
    assert utveckling_sparad(medel) == "+0,3"
    dold = {"nyckel": "informerade", "celler": ["90 %", "×", "97 %"], "utveckling": ""}
    assert utveckling_sparad(dold) == "–"
    assert utveckling_sparad({"nyckel": "informerade", "celler": ["97 %"], "utveckling": ""}) == "–"
    # What was kept with a change is shown as kept.
    assert utveckling_sparad({**andel, "utveckling": "+5 p.e."}) == "+5 p.e."
    assert utveckling_sparad({"rubrik": "Kontakter", "celler": ["1", "2"], "utveckling": ""}) == ""


def _fordelning(varde: Cell) -> Fordelning:
    return Fordelning([[Cell("0", 0)] * 5, [varde] * 5], [Cell("0", 0)] * 5)


def test_a_table_of_visits_only_where_visits_apply_or_were_counted():
    grupp = InsatsFactory.build(form=Insats.Form.GRUPP, dokumentationsregel="14:5")
    oppen = InsatsFactory.build(form=Insats.Form.OPPEN_VERKSAMHET, dokumentationsregel="14:5")
    nollor = _fordelning(Cell("0", 0))
    assert not fordelning_tillamplig("besok", grupp, nollor)
    assert fordelning_tillamplig("besok", oppen, nollor)
    assert fordelning_tillamplig("besok", grupp, _fordelning(Cell("×", None)))
    assert fordelning_tillamplig("besok", grupp, _fordelning(Cell("7", 7)))
    assert not fordelning_tillamplig("besok", oppen, None)


@pytest.mark.django_db
def test_the_yearly_follow_up_of_a_group_has_no_table_of_visits(client, enhetschef, dataset):
    client.force_login(enhetschef)
    grupp = client.get(reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR]))
    assert grupp.status_code == 200 and grupp.context["besok"] is None
    assert "Besök i öppen verksamhet efter ålder och kön" not in grupp.text
    assert "Kontakter efter ålder och kön" in grupp.text
    oppen = client.get(reverse("uppfoljning:arsuppfoljning", args=[dataset["oppen"].pk, AR]))
    assert "Besök i öppen verksamhet efter ålder och kön" in oppen.text


@pytest.mark.django_db
def test_the_csv_holds_the_risk_table_as_the_page_does(client, verksamhetschef, dataset):
    client.force_login(verksamhetschef)
    sida = client.get(reverse("uppfoljning:rapport", args=[AR]))
    text = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "csv"])).content
    rader = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    risker = [r for r in rader if r[0] == RISKDEL]
    assert rader[rader.index(risker[0]) - 1][:3] == ["Del", "Kontrollområde", "Risk"]
    loggrad = next(r for r in risker if r[2].startswith("Obehörig läsning"))
    assert loggrad[6].startswith("Månader med läsningar i loggen:")
    assert loggrad[6] in sida.content.decode()


@pytest.mark.django_db
def test_a_log_review_of_the_year_renews_the_kept_report(dataset, enhetschef, utforare):
    katalog = dataset["katalog"]
    fore = rapportcache.nyckel(katalog, AR, "html")
    assert rapportcache.nyckel(katalog, AR, "html") == fore  # nothing changed: kept
    Logggranskning.objects.create(
        utforare=utforare, manad=datetime.date(AR + 1, 1, 1), granskare=enhetschef, flaggade=0
    )
    assert rapportcache.nyckel(katalog, AR, "html") == fore  # another year's month
    Logggranskning.objects.create(
        utforare=utforare, manad=datetime.date(AR, 5, 1), granskare=enhetschef, flaggade=0
    )
    assert rapportcache.nyckel(katalog, AR, "html") != fore


@pytest.mark.django_db
def test_the_page_of_an_old_signed_follow_up_shows_the_change_of_its_share(
    client, enhetschef, dataset
):
    # What the figures of a follow-up signed before shares had a change looked like.
    siffror = {
        "perioder": [str(AR - 2), str(AR - 1), str(AR)],
        "rader": [
            {
                "rubrik": "Andel informerade om rätten att ansöka",
                "nyckel": "informerade",
                "celler": ["–", "80 %", "95 %"],
                "utveckling": "",
                "indrag": False,
            }
        ],
    }
    Arsuppfoljning.objects.create(
        insats=dataset["abc"],
        ar=AR,
        analys="Bra.",
        sammanfattning="Bra.",
        slutsats="Bra.",
        bedomning="uppnatt",
        forslag="behall",
        status="signerad",
        signerad_av=enhetschef,
        signerad=timezone.now(),
        siffror=siffror,
    )
    client.force_login(enhetschef)
    sida = client.get(reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR]))
    assert sida.status_code == 200
    assert "+15 procentenheter" in sida.text


@pytest.mark.django_db
def test_the_pdfs_risk_table_stays_on_the_page(client, verksamhetschef, dataset):
    # Its seven columns of prose ran off the page's right edge ("Slutsats", "Åtgärd" cut).
    client.force_login(verksamhetschef)
    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    sidor = PdfReader(io.BytesIO(pdf.content)).pages
    # The pages with the table's head (the heading may close the page before).
    risksidor = [s for s in sidor if "Kontrollområde" in s.extract_text()]
    assert risksidor
    for sida in risksidor:
        bredd = float(sida.mediabox.width)
        ord_: list[tuple[float, str]] = []

        def las(text, cm, tm, _font, _size, ord_=ord_):
            # Where the run begins on the page, in points (WeasyPrint draws in CSS px).
            ord_.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

        sida.extract_text(visitor_text=las)
        assert any("Åtgärd" in t for _, t in ord_)
        # Every run of text begins inside the right margin (16 mm ≈ 45 pt).
        utanfor = [(x, t) for x, t in ord_ if t.strip() and x > bredd - 45]
        assert utanfor == []
