"""The unit manager's and the board secretary's week in a real browser: what was tedious or
missing when it was walked through on the demo, each page checked with axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.services import avsluta_deltagande
from insatser.models import Insats
from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.browser


def test_the_manager_answers_how_many_dropped_out_this_half_year_and_why(
    sida, familjecentralen, logga_in
):
    idag = datetime.date.today()
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, familjecentralen, username="p")
    insats = Insats.objects.get(namn="Föräldrarådgivning")
    svar = ["uppfyllt"] * insats.villkor.count()
    for orsak in ["flyttade", "passade_ej", "flyttade"]:
        k = registrera(personal, insats, datum=idag, svar=svar)
        avsluta_deltagande(
            deltagande=k.deltagande, slutdatum=idag, avbrott=True, idag=idag, avbrottsorsak=orsak
        )
    logga_in(Roll.ENHETSCHEF, familjecentralen)
    sida.get_by_role("link", name="Ny kontakt").first.click()
    sida.get_by_role("link", name="Hittills i år").click()
    forsta = idag.month <= 6
    halvar = "Januari–juni" if forsta else "Juli–december"
    sida.get_by_label(f"Period {idag.year}").select_option(label=halvar)
    sida.get_by_role("button", name="Visa").click()
    expect(sida.get_by_label(f"Period {idag.year}")).to_have_value("h1" if forsta else "h2")
    tabell = sida.get_by_role("table", name="Avbrutna i förtid per orsak")
    expect(tabell.get_by_role("columnheader")).to_have_text(
        ["Insats", "Avbrutna", "Insatsen passade inte", "Flyttade"]
    )
    expect(tabell.get_by_role("row", name="Föräldrarådgivning").get_by_role("cell")).to_have_text(
        ["3", "1", "2"]
    )
    kontrollera_tillganglighet(sida, "enhetschef-hittills-halvar")
