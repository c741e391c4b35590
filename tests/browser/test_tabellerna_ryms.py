"""The follow-up's tables fit the screen (screenshots checked at 360, 768 and 1280 px): on a
phone the yearly follow-up keeps every year's column in view, at 1280 px the board report's
risk table fits the page, and a date in a table is never broken at its hyphens."""

import pytest
from playwright.sync_api import expect

from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_uppfoljning import AR, med_registreringar  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

#: Overflow of a table beyond the box around it, in px: 0 when it fits.
OVERFLOW = "t => t.getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right"


def arsuppfoljningen_pa_telefon(sida, registreringar, logga_in):
    """Föräldrarådgivning's yearly follow-up at 360 px, as its enhetschef sees it: its table
    of indicators, visible."""
    sida.set_viewport_size({"width": 360, "height": 740})
    logga_in(Roll.ENHETSCHEF, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    insats = registreringar.insatser.get(namn="Föräldrarådgivning")
    sida.goto(f"/uppfoljning/insats/{insats.pk}/{AR}/")
    tabell = sida.get_by_role("table", name="Indikatorer, tre år")
    expect(tabell).to_be_visible()
    return tabell


def test_the_yearly_follow_up_keeps_the_year_in_view_on_a_phone(sida, med_registreringar, logga_in):
    tabell = arsuppfoljningen_pa_telefon(sida, med_registreringar, logga_in)
    assert tabell.evaluate(OVERFLOW) <= 0
    ar = tabell.locator("thead th", has_text=str(AR))
    ruta = ar.bounding_box()
    assert ruta is not None and ruta["x"] + ruta["width"] <= 360
    kontrollera_tillganglighet(sida, "telefon-arsuppfoljning")


def test_the_risk_table_fits_the_report_at_1280(sida, med_registreringar, logga_in):
    sida.set_viewport_size({"width": 1280, "height": 900})
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.goto(f"/uppfoljning/rapport/{AR}/")
    risker = sida.get_by_role("table", name=f"Intern kontroll per risk {AR}")
    expect(risker).to_be_visible()
    assert risker.evaluate(OVERFLOW) <= 0


def test_a_date_in_a_table_stays_on_one_line(sida, med_registreringar, logga_in):
    sida.set_viewport_size({"width": 360, "height": 740})
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.goto("/uppfoljning/publiceringar/")
    datum = sida.locator("td.datum").first
    expect(datum).to_be_visible()
    rad = datum.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    hojd = datum.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return r.getBoundingClientRect().height; }"
    )
    assert hojd < 1.5 * rad, f"{datum.inner_text()!r} bryts: {hojd} px, rad {rad} px"


def test_the_age_by_sex_table_fits_a_phone_with_the_age_above_its_figures(
    sida, med_registreringar, logga_in
):
    arsuppfoljningen_pa_telefon(sida, med_registreringar, logga_in)
    tabell = sida.get_by_role("table", name="Kontakter efter ålder och kön")
    expect(tabell).to_be_visible()
    assert tabell.evaluate(OVERFLOW) <= 0
    rulle = tabell.locator("xpath=..")
    assert rulle.evaluate("e => e.scrollWidth <= e.clientWidth"), "tabellen rullar i sin ruta"
    # Each age on a line of its own, its figures in the columns of the sexes below it.
    rad = tabell.locator("tbody tr").first
    alder, forsta = rad.locator("th").bounding_box(), rad.locator("td").first.bounding_box()
    assert alder and forsta and forsta["y"] >= alder["y"] + alder["height"] - 1
    totalt = tabell.locator("thead th").last.bounding_box()
    sista = rad.locator("td").last.bounding_box()
    assert totalt and sista and abs(totalt["x"] - sista["x"]) < 2
    assert totalt["x"] + totalt["width"] <= 360
    sida.set_viewport_size({"width": 1280, "height": 900})
    assert tabell.evaluate("e => getComputedStyle(e).display") == "table"
