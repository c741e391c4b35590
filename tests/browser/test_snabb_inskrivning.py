"""Fast intake and counting in a real browser (issue 17, item 7), each page checked with axe."""

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.models import Deltagande
from dokumentation.tillfallen.models import Besoksantal
from insatser.models import Insats
from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def test_a_group_is_enrolled_on_one_page(sida, familjecentralen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    sida.get_by_role("link", name="Gruppomgångar och närvaro").click()
    sida.get_by_role("link", name="Vårens grupp").click()
    sida.get_by_role("link", name="Skriv in deltagare").click()
    kontrollera_tillganglighet(sida, "gruppintag")
    for nr, (alder, barnets, kon) in enumerate([("34", "4", "Kvinna"), ("29", "15", "Man")], 1):
        rad = sida.locator(f"#rad-{nr}")
        rad.get_by_label(f"Ålder, deltagare {nr}", exact=True).fill(alder)
        rad.get_by_label(f"Barnets ålder, deltagare {nr}").fill(barnets)
        rad.get_by_label(f"Kön, deltagare {nr}").select_option(label=kon)
        for v in rad.locator("select.villkorssvar").all():
            v.select_option(label="Uppfyllt")
        # Adults: the consent fields are out of the way.
        expect(rad.locator("select[name$='-samtycke']")).to_be_hidden()
    sida.get_by_label("Jag har informerat var och en").check()
    sida.get_by_role("button", name="Skriv in deltagarna").click()
    # Row 2's child is 15: the answer contradicts the age, next to the field; nothing saved.
    expect(sida.get_by_role("alert")).to_contain_text("Deltagare 2")
    expect(sida.locator("#rad-2")).to_contain_text("Svaret stämmer inte med barnets ålder")
    kontrollera_tillganglighet(sida, "gruppintag-fel")
    assert not Deltagande.objects.exists()
    sida.locator("#rad-2").get_by_label("Barnets ålder, deltagare 2").fill("6")
    sida.get_by_role("button", name="Skriv in deltagarna").click()
    expect(sida.get_by_text("2 deltagare är inskrivna i omgången.")).to_be_visible()
    koder = list(Deltagande.objects.values_list("deltagarkod", flat=True))
    assert len(koder) == 2
    for kod in koder:
        expect(sida.locator(".deltagarkort").get_by_text(kod)).to_be_visible()
    kontrollera_tillganglighet(sida, "gruppintag-kort")
    # The attendance list: code, sex and age band.
    sida.get_by_role("button", name="Registrera träffen och pricka av närvaro").click()
    expect(sida.get_by_text("man, 25–44 år")).to_be_visible()
    kontrollera_tillganglighet(sida, "narvaro-koder")


def test_an_opening_of_17_is_counted_by_keyboard_in_under_40_keystrokes(
    sida, familjecentralen, logga_in
):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    insats = Insats.objects.get(namn="Öppen förskola på familjecentralen")
    sida.goto(f"/utforare/oppning/insats/{insats.pk}/")
    kontrollera_tillganglighet(sida, "oppning")
    tangenter = []

    def tryck(*knappar):
        for k in knappar:
            sida.keyboard.press(k)
            tangenter.append(k)

    tryck("Tab", "Enter")  # the skip link leads to the first count
    expect(sida.get_by_role("spinbutton", name="Kvinna, 0–12 år")).to_be_focused()
    tryck("4", "Tab", "4")  # women and men 0–12
    tryck(*["Tab"] * 11, "7")  # on to women 25–44, past the +/- buttons
    expect(sida.get_by_role("spinbutton", name="Kvinna, 25–44 år")).to_have_value("7")
    tryck("Tab", "2")
    tryck(*["Tab"] * 8)
    expect(sida.get_by_role("button", name="Spara öppningen")).to_be_focused()
    tryck("Enter")
    expect(sida.get_by_text("registrerad med 17 besök")).to_be_visible()
    assert sum(b.antal for b in Besoksantal.objects.all()) == 17
    assert len(tangenter) < 40, len(tangenter)
