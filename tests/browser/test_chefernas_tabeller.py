"""The board's and the managers' tables at 360, 768 and 1280 px (screenshots checked): the
publications, the export keys and the guideline's indicators per insats are one card per row
on a phone or a tablet, each value under its column's name, and tables on a screen; the year
so far is three tables of related counts. Nothing scrolls sideways, neither the page nor a
box, at any width. Each page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_staplade_tabeller import RULLAR
from tests.browser.test_tangentbordet import FOKUS, tabba_igenom
from tests.browser.test_uppfoljning import AR, med_registreringar  # noqa: F401 - the fixture
from uppfoljning.exportnycklar import aterkalla_nyckel, skapa_nyckel

pytestmark = pytest.mark.browser

BREDDER = (360, 768, 1280)


def inget_rullar(sida, bredd: int, adress: str) -> None:
    assert sida.evaluate("document.documentElement.scrollWidth") <= bredd, f"{adress} {bredd}"
    assert sida.evaluate(RULLAR + ".length") == 0, f"{adress} rullar vid {bredd} px"


def kort_eller_tabell(tabell, bredd: int, rubrik: str, varde: str) -> None:
    """Below 800 px a card, its value under its column's name; above it a table."""
    visning = tabell.evaluate("e => getComputedStyle(e).display")
    if bredd < 800:
        assert visning == "block"
        cell = tabell.locator(f'td[data-rubrik="{rubrik}"]').first
        expect(cell).to_contain_text(varde)
        fore = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert fore == f'"{rubrik}: "', fore
    else:
        assert visning == "table"
        expect(tabell.locator("thead th", has_text=rubrik).first).to_be_visible()


def test_the_board_pages_fit_a_phone_a_tablet_and_a_screen(sida, med_registreringar, logga_in):
    kommun = med_registreringar.kommunen
    skapa_nyckel(kommun=kommun, konsument="Power BI", skapad_av=None)
    gammal, _ = skapa_nyckel(kommun=kommun, konsument="Kolada", skapad_av=None)
    aterkalla_nyckel(gammal)
    logga_in(Roll.VERKSAMHETSCHEF)
    for bredd in BREDDER:
        sida.set_viewport_size({"width": bredd, "height": 900})

        sida.goto("/uppfoljning/publiceringar/")
        tabell = sida.get_by_role("table", name=f"Publiceringar, {kommun.namn}")
        expect(tabell).to_be_visible()
        kort_eller_tabell(tabell, bredd, "Dolda för att skydda dem", "")
        inget_rullar(sida, bredd, "publiceringar")
        kontrollera_tillganglighet(sida, f"{bredd}-publiceringar")

        sida.goto("/uppfoljning/exportnycklar/")
        tabell = sida.get_by_role("table", name=f"Nycklar, {kommun.namn}")
        kort_eller_tabell(tabell, bredd, "Status", "Återkallad")  # Kolada, first by name
        expect(tabell).to_contain_text("Gäller")
        expect(sida.get_by_role("button", name="Återkalla nyckeln för Power BI")).to_be_visible()
        inget_rullar(sida, bredd, "exportnycklar")
        kontrollera_tillganglighet(sida, f"{bredd}-exportnycklar")

        sida.goto(f"/uppfoljning/riktlinje/{AR}-H2/")
        tabell = sida.get_by_role("table", name=f"Indikatorer per insats, {AR}, halvår 2")
        kort_eller_tabell(tabell, bredd, f"Årsuppföljning {AR - 1}", "Saknas")
        # The last column is on the screen, not behind a box's edge.
        sista = tabell.locator("tbody tr").first.locator("td").last.bounding_box()
        assert sista is not None and sista["x"] + sista["width"] <= bredd
        inget_rullar(sida, bredd, "riktlinje")
        kontrollera_tillganglighet(sida, f"{bredd}-riktlinje")


def test_the_year_so_far_is_three_tables_that_fit_every_width(sida, med_registreringar, logga_in):
    logga_in(Roll.ENHETSCHEF, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    for bredd in BREDDER:
        sida.set_viewport_size({"width": bredd, "height": 900})
        sida.goto("/utforare/hittills/")
        for namn, rubrik in [
            ("Kontakter och deltagare per insats", "Kontakter"),
            ("Samtal, träffar och besök per insats", "Samtal"),
            ("Avslut och orosanmälningar per insats", "Orosanmälningar"),
        ]:
            tabell = sida.get_by_role("table", name=namn)
            kort_eller_tabell(tabell, bredd, rubrik, "")
        inget_rullar(sida, bredd, "hittills")
        kontrollera_tillganglighet(sida, f"{bredd}-hittills")


def tabba_till(sida, namn: str, bredd: int = 360) -> None:
    """Tab (only) until the focus is on `namn`, each stop visibly focused and on screen;
    then Enter."""
    for _ in range(150):
        sida.keyboard.press("Tab")
        f = sida.evaluate(FOKUS)
        assert f is not None, f"{namn!r} nåddes inte med tangentbordet ({sida.url})"
        assert f["synlig"], f"ingen synlig fokus på {f['namn']!r} ({sida.url})"
        assert f["vanster"] >= -1 and f["hoger"] <= bredd + 1, f"{f} utanför skärmen"
        if sida.evaluate("document.activeElement.innerText.trim()") == namn:
            with sida.expect_navigation():
                sida.keyboard.press("Enter")
            return
    raise AssertionError(f"{namn!r} nåddes inte ({sida.url})")


def test_the_verksamhetschefs_month_by_keyboard_on_a_phone(sida, med_registreringar, logga_in):
    """Follow-up, the guideline, the published periods, the report and the review of the
    enhetschefer's reads, by keyboard only at 360 px: every stop visible, every page whole."""
    sida.set_viewport_size({"width": 360, "height": 740})
    logga_in(Roll.VERKSAMHETSCHEF)
    tabba_till(sida, "Öppna uppföljningen")
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Uppföljning")
    tabba_till(sida, f"{AR}, halvår 2")
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Uppföljning av riktlinjen")
    assert tabba_igenom(sida) > 5
    inget_rullar(sida, 360, "riktlinje")
    sida.go_back()
    tabba_till(sida, "Publicerade perioder och nästa publicering")
    expect(sida.get_by_role("heading", level=1)).to_have_text("Publicerad statistik")
    tabba_till(sida, "Uppföljning")  # back, by the menu
    tabba_till(sida, f"Rapport {AR}")
    expect(sida.get_by_role("heading", name="Intern kontroll", exact=True)).to_be_visible()
    assert tabba_igenom(sida) > 5
    inget_rullar(sida, 360, "rapport")
    kontrollera_tillganglighet(sida, "tangentbord-verksamhetschef-rapport")
    sida.goto("/start/")
    tabba_till(sida, "Loggkontroll av enhetschefernas läsningar")
    manad = sida.get_by_role("link", name=re.compile("^Granska ")).first.inner_text()
    tabba_till(sida, manad)
    manad = manad.removeprefix("Granska ")
    expect(sida.get_by_role("heading", level=1)).to_contain_text(manad)
    tabba_till(sida, f"Registrera att jag har granskat {manad}")
    expect(sida.get_by_role("status")).to_contain_text("är registrerad")
    inget_rullar(sida, 360, "chefernas granskning")
    kontrollera_tillganglighet(sida, "tangentbord-verksamhetschef-granskning")
