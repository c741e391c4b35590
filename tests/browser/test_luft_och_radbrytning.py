"""The page's air and its words, at 360, 768 and 1280 px: the content stands clear of the
header and the footer on every page (main keeps its own padding), an indicator's name wraps
between words and is never broken inside one, and the board's risk table is read as a card
per risk below 60rem, with no box to scroll. axe on each page."""

import pytest
from playwright.sync_api import expect

from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_tabellerna_ryms import arsuppfoljningen_pa_telefon
from tests.browser.test_uppfoljning import AR, med_registreringar  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

BREDDER = [360, 768, 1280]

#: Distances in px from the header's bottom to main's first content, and from main's last
#: content to the footer's top.
LUFT = """() => {
  const huvud = document.querySelector('.sidhuvud').getBoundingClientRect();
  const fot = document.querySelector('.sidfot').getBoundingClientRect();
  const m = document.querySelector('main');
  const forsta = m.firstElementChild.getBoundingClientRect();
  const sista = m.lastElementChild.getBoundingClientRect();
  return [forsta.top - huvud.bottom, fot.top - sista.bottom];
}"""

#: The words of the element's text that the layout broke over two lines.
BRUTNA_ORD = """e => {
  const brutna = [];
  const gang = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  while (gang.nextNode()) {
    const nod = gang.currentNode;
    const re = /\\S+/g;
    let m;
    while ((m = re.exec(nod.data))) {
      const r = document.createRange();
      r.setStart(nod, m.index);
      r.setEnd(nod, m.index + m[0].length);
      const rader = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
      if (rader.size > 1) brutna.push(m[0]);
    }
  }
  return brutna;
}"""


@pytest.mark.parametrize("bredd", BREDDER)
def test_the_content_keeps_its_distance_from_header_and_footer(
    sida, med_registreringar, logga_in, bredd
):
    sida.set_viewport_size({"width": bredd, "height": 800})
    logga_in(Roll.ENHETSCHEF, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    for sidan in ["/utforare/deltaganden/", "/uppfoljning/"]:
        sida.goto(sidan)
        over, under = sida.evaluate(LUFT)
        assert over >= 16, f"{sidan} vid {bredd} px: {over} px under sidhuvudet"
        assert under >= 32, f"{sidan} vid {bredd} px: {under} px ovanför sidfoten"
    kontrollera_tillganglighet(sida, f"luft-{bredd}")


def test_an_indicators_name_wraps_between_words_on_a_phone(sida, med_registreringar, logga_in):
    tabell = arsuppfoljningen_pa_telefon(sida, med_registreringar, logga_in)
    namn = tabell.locator("tbody th")
    assert namn.count() > 10
    for i in range(namn.count()):
        assert namn.nth(i).evaluate(BRUTNA_ORD) == [], namn.nth(i).inner_text()
    assert sida.locator("h1").evaluate(BRUTNA_ORD) == []
    # Every figure stays under its year, and the page does not scroll sideways.
    ar = tabell.locator("thead th", has_text=str(AR)).bounding_box()
    forsta = tabell.locator("tbody tr").first.locator("td").nth(2).bounding_box()
    assert abs((ar["x"] + ar["width"]) - (forsta["x"] + forsta["width"])) < 2
    assert sida.evaluate("document.documentElement.scrollWidth") <= 360
    kontrollera_tillganglighet(sida, "telefon-indikatorer-radbrytning")


@pytest.mark.parametrize("bredd", [360, 768])
def test_the_risk_table_is_a_card_per_risk_on_narrow_screens(
    sida, med_registreringar, logga_in, bredd
):
    sida.set_viewport_size({"width": bredd, "height": 800})
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.goto(f"/uppfoljning/rapport/{AR}/")
    risker = sida.get_by_role("table", name=f"Intern kontroll per risk {AR}")
    expect(risker).to_be_visible()
    rulle = risker.locator("xpath=..")
    assert rulle.evaluate("e => e.scrollWidth <= e.clientWidth"), "tabellen rullar i sin ruta"
    forsta = risker.locator("tbody tr").first
    # The risk stands first, each value under its column's name.
    assert forsta.locator("th").bounding_box()["y"] < forsta.locator("td").first.bounding_box()["y"]
    etikett = forsta.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert etikett == '"Kontrollområde: "'
    for cell in forsta.locator("td, th").all():
        assert cell.evaluate(BRUTNA_ORD) == [], cell.inner_text()
    assert sida.evaluate("document.documentElement.scrollWidth") <= bredd
    kontrollera_tillganglighet(sida, f"risker-{bredd}")
