"""Ending quiet participations in a real browser: found from the list, one unticked, the rest
ended as "Kontakten upphörde"; each page checked with axe."""

import datetime

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.models import Deltagande
from insatser.models import Insats
from organisation.models import Anvandare, Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera

pytestmark = pytest.mark.browser


def test_the_quiet_are_found_from_the_list_and_ended_but_the_one_unticked(
    sida, demokatalog, logga_in
):
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    logga_in(Roll.UTFORARPERSONAL, utforare)
    personal = Anvandare.objects.get(username="testare")
    insats = Insats.objects.get(namn="Föräldrarådgivning")
    svar = ["uppfyllt"] * insats.villkor.count()
    sedan = datetime.date.today() - datetime.timedelta(days=200)
    tysta = [
        registrera(personal, insats, svar=svar, barnets_alder=5, datum=sedan, minuter=45).deltagande
        for _ in range(3)
    ]
    sida.goto("/utforare/deltaganden/")
    expect(sida.get_by_text("3 pågående deltaganden har inte haft något tillfälle")).to_be_visible()
    sida.get_by_role("link", name="Se och avsluta vilande deltaganden").click()
    kontrollera_tillganglighet(sida, "vilande")
    kvar = tysta[1]
    sida.get_by_label(f"Avsluta {kvar}").uncheck()
    sida.get_by_role("button", name="Avsluta de ikryssade").click()
    expect(
        sida.get_by_text("2 deltaganden är avslutade som avbrutna: kontakten upphörde.")
    ).to_be_visible()
    kontrollera_tillganglighet(sida, "vilande-efter-avslut")
    expect(sida.get_by_label(f"Avsluta {kvar}")).to_be_checked()  # still listed, ticked anew
    assert list(Deltagande.objects.filter(status="pagaende")) == [kvar]
    for d in (tysta[0], tysta[2]):
        d.refresh_from_db()
        assert (d.status, d.avbrottsorsak, d.slutdatum) == ("avbruten", "kontakt_upphorde", sedan)
