"""Staff on a phone (360 × 740): a contact registered, a round's pages, the headcount at an
open meeting place and the lists. No page scrolls sideways (WCAG 1.4.10 reflow): a wide table
scrolls in its own box, a form fits the screen. Each page checked with axe-core."""

import datetime

import pytest

from dokumentation.tillfallen.models import Omgang
from insatser.models import Insats
from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser

TELEFON = {"width": 360, "height": 740}


def ryms(sida, namn: str) -> None:
    """The page is no wider than the screen, and passes axe."""
    bredd = sida.evaluate("document.documentElement.scrollWidth")
    assert bredd <= TELEFON["width"], f"{namn} ({sida.url}) är {bredd} px bred"
    kontrollera_tillganglighet(sida, f"telefon-{namn}")


def test_staff_pages_fit_a_phone(sida, demokatalog, logga_in):
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    Omgang.objects.create(
        insats=Insats.objects.get(namn="Föräldragrupp ABC"),
        utforare=utforare,
        benamning="Vårens grupp",
        startdatum=datetime.date.today(),
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=10,
    )
    sida.set_viewport_size(TELEFON)
    logga_in(Roll.UTFORARPERSONAL, utforare)

    sida.get_by_role("link", name="Någon vänder sig till oss – ny kontakt").click()
    sida.get_by_role("link", name="Föräldrarådgivning").click()
    ryms(sida, "kontakt")
    sida.get_by_label("Ålder (år):", exact=True).fill("34")
    sida.get_by_label("Barnets ålder (år)").fill("7")
    sida.get_by_label("Kvinna").check()
    for nr in (1, 2):
        sida.locator(f"#id_villkor_{nr}").get_by_label("Uppfyllt", exact=True).check()
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Börjar delta").check()
    sida.get_by_role("button", name="Spara kontakten").click()
    sida.get_by_role("link", name="Till deltagandet").click()
    sida.get_by_role("button", name="Spara samtalet").click()
    ryms(sida, "deltagande")
    sida.get_by_role("link", name="Avsluta deltagandet").click()
    ryms(sida, "avsluta")

    for sidan, namn in [
        ("/utforare/deltaganden/", "deltaganden"),
        ("/utforare/registreringar/", "registreringar"),
        ("/utforare/omgangar/", "omgangar"),
    ]:
        sida.goto(sidan)
        ryms(sida, namn)
    sida.get_by_role("link", name="Vårens grupp").click()
    sida.get_by_role("link", name="Skriv in deltagare").click()
    ryms(sida, "skriv-in")

    # The headcount at the door: the − and + stand around each field, and still count.
    sida.goto("/utforare/oppning/")
    sida.get_by_role("link", name="Öppen förskola på familjecentralen").click()
    ryms(sida, "oppning")
    sida.get_by_role("button", name="En till: Kvinna, 25–44 år").click()
    sida.get_by_role("button", name="En till: Kvinna, 25–44 år").click()
    assert sida.get_by_role("spinbutton", name="Kvinna, 25–44 år").input_value() == "2"
