"""A day at 360 px with the keyboard only (personal and enhetschef): every stop shows where
the focus is, inside the screen, also in a date field's day, month and year; a checkbox's
label ends without a colon. Each page checked with axe."""

import pytest
from playwright.sync_api import expect

from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_staplade_tabeller import RULLAR

pytestmark = pytest.mark.browser

# Where the focus is: an outline or the focus shadow, and its box on the screen.
FOKUS = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {namn: e.name || e.id || e.innerText.slice(0, 30),
          synlig: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                  || s.boxShadow !== 'none',
          vanster: r.left, hoger: r.right}; }"""


def tabba_igenom(sida, bredd: int = 360, hogst: int = 200) -> int:
    """Tab from the top of the page to its end; each stop visibly focused and on screen."""
    stopp = 0
    for _ in range(hogst):
        sida.keyboard.press("Tab")
        f = sida.evaluate(FOKUS)
        if f is None:
            break
        stopp += 1
        assert f["synlig"], f"ingen synlig fokus på {f['namn']!r} ({sida.url})"
        assert f["vanster"] >= -1 and f["hoger"] <= bredd + 1, f"{f} utanför skärmen"
    return stopp


@pytest.mark.parametrize("roll", [Roll.UTFORARPERSONAL, Roll.ENHETSCHEF])
def test_a_day_by_keyboard_on_a_phone(sida, demokatalog, logga_in, roll):
    sida.set_viewport_size({"width": 360, "height": 740})
    logga_in(roll, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    sida.get_by_role("link", name="Någon vänder sig till oss – ny kontakt").click()
    sida.get_by_role("link", name="Föräldrarådgivning").click()
    # Into the date field by keyboard, then across its day, month and year.
    datum = sida.get_by_label("Datum:")
    datum.focus()
    for _ in range(3):
        assert sida.evaluate(FOKUS)["synlig"], "datumfältet visar inte fokus"
        sida.keyboard.press("Tab")
    assert tabba_igenom(sida) > 10
    etikett = sida.locator("label[for=id_informerad]")
    expect(etikett).to_have_text(
        "Jag har informerat om rätten att ansöka om behovsprövade insatser"
    )
    kontrollera_tillganglighet(sida, f"tangentbord-kontakt-{roll}")
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("alert")).to_be_visible()  # nothing filled in: told, not a 500
    # The lists of the day: cards on a phone, nothing to scroll sideways, page or box.
    adresser = [
        "/utforare/deltaganden/",
        "/utforare/registreringar/",
        "/utforare/omgangar/",
        "/utforare/hittills/",
    ]
    if roll == Roll.ENHETSCHEF:
        adresser += ["/uppfoljning/", "/utforare/logg/"]
    for adress in adresser:
        sida.goto(adress)
        assert tabba_igenom(sida) > 5, adress
        assert sida.evaluate("document.documentElement.scrollWidth") <= 360, adress
        assert sida.evaluate(RULLAR + ".length") == 0, f"{adress} rullar i sin ruta"
