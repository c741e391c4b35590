"""The verksamhetschef reviews the enhetschefer's own reads in a real browser, axe-core on
each page: a read by the lone enhetschef of an utförare is flagged there, without the
person."""

import re

import pytest
from playwright.sync_api import expect

from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from insatser.models import Insats
from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_staplade_tabeller import RULLAR
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.browser


def _last(lasare, person: Personuppgifter):  # type: ignore[no-untyped-def]
    """A participation at Vuxenenheten of `person`, registered by its staff member "reg" (made
    here unless `lasare` is them), and read by `lasare` (a factory of the reader, given the
    utförare and the registrar); the participation and the utförare."""
    utforare = Utforare.objects.get(namn="Vuxenenheten")
    insats = Insats.objects.filter(utforare=utforare, dokumentationsregel="14:3").first()
    assert insats is not None
    personal = AnvandareFactory.med_roll(
        Roll.UTFORARPERSONAL, utforare, username="reg", first_name="Ulla", last_name="Personal"
    )
    deltagande = registrera(
        personal, insats, svar=["uppfyllt"] * insats.villkor.count(), person=person
    ).deltagande
    Atkomstlogg.objects.create(
        anvandare=lasare(utforare, personal),
        utforare=utforare,
        handling="lasa",
        deltagande=deltagande,
        vad="Öppnade",
    )
    return deltagande, utforare


def test_verksamhetschef_reviews_the_enhetschefs_reads(sida, demokatalog, logga_in):
    deltagande, utforare = _last(
        lambda utforare, _personal: AnvandareFactory.med_roll(
            Roll.ENHETSCHEF, utforare, username="chefen", first_name="Ensam", last_name="Chef"
        ),
        Personuppgifter("198112189876", "Anna", "Andersson", False),
    )
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.get_by_role("link", name="Loggkontroll av enhetschefernas läsningar").click()
    kontrollera_tillganglighet(sida, "verksamhetschef-chefernas-logg")
    sida.goto(sida.url + f"{deltagande.startdatum:%Y-%-m}/")
    tabell = sida.get_by_role("table", name="Flaggade läsningar")
    expect(tabell).to_contain_text("Ensam Chef")
    expect(tabell).to_contain_text("Läsning utanför egna deltaganden")
    expect(tabell).not_to_contain_text("Andersson")
    kontrollera_tillganglighet(sida, "verksamhetschef-chefernas-granskning")
    sida.get_by_role("button", name=re.compile("^Registrera att jag har granskat")).click()
    expect(sida.get_by_role("status")).to_contain_text("är registrerad")
    assert Logggranskning.objects.filter(kommun__isnull=False, utforare=utforare).exists()
    # On a phone the flagged reads are cards, each value under its column's name, and
    # nothing scrolls sideways.
    sida.set_viewport_size({"width": 360, "height": 800})
    sida.reload()
    cell = tabell.locator("td[data-rubrik='Läst av']").first
    expect(cell).to_contain_text("Ensam Chef")
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Läst av: "'
    assert sida.evaluate("document.documentElement.scrollWidth") <= 360
    assert sida.evaluate(RULLAR + ".length") == 0
    kontrollera_tillganglighet(sida, "verksamhetschef-chefernas-granskning-360")


def test_verksamhetschef_reviews_the_staffs_reads_where_there_is_no_enhetschef(
    sida, demokatalog, logga_in
):
    deltagande, utforare = _last(
        lambda _utforare, personal: personal,
        Personuppgifter("196408233234", "Bo", "Bergström", True),
    )
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.get_by_role("link", name="Loggkontroll av enhetschefernas läsningar").click()
    expect(sida.get_by_text("Utförare utan enhetschef")).to_contain_text("Vuxenenheten")
    kontrollera_tillganglighet(sida, "verksamhetschef-utan-enhetschef")
    sida.goto(sida.url + f"{deltagande.startdatum:%Y-%-m}/")
    tabell = sida.get_by_role("table", name="Flaggade läsningar")
    expect(tabell).to_contain_text("Ulla Personal")
    expect(tabell).to_contain_text("Skyddad identitet")
    expect(tabell).not_to_contain_text("Bergström")
    kontrollera_tillganglighet(sida, "verksamhetschef-utan-enhetschef-granskning")
    sida.get_by_role("button", name=re.compile("^Registrera att jag har granskat")).click()
    expect(sida.get_by_role("status")).to_contain_text("är registrerad")
    assert Logggranskning.objects.get(kommun__isnull=False, utforare=utforare).personalens
