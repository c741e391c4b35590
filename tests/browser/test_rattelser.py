"""Correcting and voiding in a real browser (issue 17): a contact registered with the wrong
sex is corrected and its history shows before and after; a talk registered twice is voided;
every page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from dokumentation.kontakter.models import Kontakt
from dokumentation.rattelser.models import Rattelse
from dokumentation.tillfallen.models import Tillfalle
from organisation.models import Roll, Utforare
from tests.browser.conftest import fyll_i_radgivning, kontrollera_tillganglighet, oppna_radgivning

pytestmark = pytest.mark.browser


def test_staff_correct_a_contact_and_void_a_talk(sida, demokatalog, logga_in):
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    logga_in(Roll.UTFORARPERSONAL, utforare)
    # A walk-in talk registered with the wrong sex, and its first talk saved twice.
    oppna_radgivning(sida)
    fyll_i_radgivning(sida, alder="34", kon="Kvinna")
    sida.get_by_role("button", name="Spara kontakten").click()
    sida.get_by_role("link", name="Blev något fel? Rätta kontakten").click()
    kontrollera_tillganglighet(sida, "rattelse-kontakt")

    # Saving without a reason is refused next to the field; then with one.
    sida.get_by_label("Man", exact=True).check()
    sida.get_by_role("button", name="Spara rättelsen").click()
    expect(sida.get_by_role("alert")).to_contain_text("Välj en orsak.")
    kontrollera_tillganglighet(sida, "rattelse-fel")
    sida.get_by_label("Fel uppgift (kön, ålder, kanal, längd eller antal)").check()
    sida.get_by_role("button", name="Spara rättelsen").click()
    expect(sida.get_by_text("Rättelsen är sparad.")).to_be_visible()
    expect(sida.locator("del")).to_have_text("Kvinna")
    expect(sida.locator("ins")).to_have_text("Man")
    kontrollera_tillganglighet(sida, "rattelse-historik")
    assert Kontakt.objects.get().kon == "man"

    # The list of one's registrations; a talk registered by mistake is voided.
    kontakt = Kontakt.objects.get()
    sida.goto(sida.url.split("/utforare/")[0] + f"/utforare/deltaganden/{kontakt.deltagande.pk}/")
    sida.get_by_role("button", name="Spara samtalet").click()
    assert Tillfalle.objects.count() == 1
    sida.get_by_role("link", name="Makulera samtalet").click()
    kontrollera_tillganglighet(sida, "makulera-samtal")
    sida.get_by_label("Registrerad av misstag").check()
    sida.get_by_role("button", name="Makulera").click()
    expect(sida.get_by_text("Makulerad:")).to_be_visible()
    kontrollera_tillganglighet(sida, "rattelser-lista")
    assert not Tillfalle.objects.exists()
    assert list(Rattelse.objects.values_list("typ", flat=True)) == ["rattelse", "makulering"]
