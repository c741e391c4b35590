"""Staff on a phone (360 × 740): a contact registered, a round's pages, the headcount at an
open meeting place and the lists. No page scrolls sideways (WCAG 1.4.10 reflow): a wide table
scrolls in its own box, a form fits the screen. Each page checked with axe-core."""

import pytest

from organisation.models import Roll
from tests.browser.conftest import fyll_i_radgivning, kontrollera_tillganglighet, oppna_radgivning

pytestmark = pytest.mark.browser

TELEFON = {"width": 360, "height": 740}


def ryms(sida, namn: str) -> None:
    """The page is no wider than the screen, and passes axe."""
    # After a click that posts and redirects, measure the page it led to, fully loaded.
    sida.wait_for_load_state("load")
    bredd = sida.evaluate("document.documentElement.scrollWidth")
    assert bredd <= TELEFON["width"], f"{namn} ({sida.url}) är {bredd} px bred"
    kontrollera_tillganglighet(sida, f"telefon-{namn}")


def test_staff_pages_fit_a_phone(sida, familjecentralen, logga_in):
    sida.set_viewport_size(TELEFON)
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)

    oppna_radgivning(sida)
    ryms(sida, "kontakt")
    fyll_i_radgivning(sida, alder="34", kon="Kvinna")
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
