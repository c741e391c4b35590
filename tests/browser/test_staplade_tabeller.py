"""The lists of records on a phone or a tablet (screenshots checked at 360, 768 and 1280 px):
the corrections, the registrations to correct and the quiet participations are one card per
row up to 800 px, each value under its column's name, and nothing scrolls sideways, neither the
page nor a box; on a wider screen they are tables. Each page checked with axe."""

import datetime

import pytest
from playwright.sync_api import expect

from dokumentation.rattelser.services import Orsak, makulera
from insatser.models import Insats
from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.browser

SIDOR = {
    "/utforare/rattelser/": "Rättelser och makuleringar",
    "/utforare/registreringar/": "Kontakter",
    "/utforare/deltaganden/vilande/": "Vilande deltaganden",
}
# Every table box on the page that is wider inside than outside (beyond a pixel's rounding).
RULLAR = (
    "[...document.querySelectorAll('.tabellrulle')].filter(e => e.scrollWidth > e.clientWidth + 1)"
)


def test_the_lists_of_records_are_cards_on_a_phone_and_tables_on_a_screen(
    sida, demokatalog, logga_in
):
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="registrerare")
    insats = Insats.objects.get(namn="Föräldrarådgivning")
    svar = ["uppfyllt"] * insats.villkor.count()
    sedan = datetime.date.today() - datetime.timedelta(days=200)
    for _ in range(2):  # quiet for months
        registrera(personal, insats, svar=svar, barnets_alder=5, datum=sedan, minuter=45)
    fel = registrera(personal, insats, svar=svar, barnets_alder=5, minuter=45)
    makulera(fel, orsak=Orsak("dubbel"), av=personal)
    logga_in(Roll.ENHETSCHEF, utforare)

    for bredd in (360, 768, 1280):
        sida.set_viewport_size({"width": bredd, "height": 900})
        for adress, tabell in SIDOR.items():
            sida.goto(adress)
            t = sida.get_by_role("table", name=tabell)
            expect(t).to_be_attached()
            assert sida.evaluate("document.documentElement.scrollWidth") <= bredd, adress
            assert sida.evaluate(RULLAR + ".length") == 0, f"{adress} rullar vid {bredd} px"
            visning = t.evaluate("e => getComputedStyle(e).display")
            if bredd < 800:
                assert visning == "block", adress
                # A card: each value under its column's name, the head out of sight.
                cell = t.locator("td[data-rubrik=Insats]").first
                expect(cell).to_contain_text("Föräldrarådgivning")
                fore = cell.evaluate("e => getComputedStyle(e, '::before').content")
                assert fore == '"Insats: "', fore
                huvud = t.locator("thead").bounding_box()
                assert huvud is not None and huvud["width"] <= 1
                kontrollera_tillganglighet(sida, f"{bredd}-{adress.strip('/').replace('/', '-')}")
            else:
                assert visning == "table", adress
                expect(t.locator("thead th").first).to_be_visible()
