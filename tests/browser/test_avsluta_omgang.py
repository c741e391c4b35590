"""Ending a round's participants together in a real browser, each page checked with axe."""

import datetime

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.models import Deltagande
from dokumentation.tillfallen.models import Omgang
from insatser.models import Insats
from organisation.models import Anvandare, Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera, traff_i_dag

pytestmark = pytest.mark.browser


def test_a_round_is_ended_on_one_page_but_the_one_who_dropped_out(sida, demokatalog, logga_in):
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    logga_in(Roll.UTFORARPERSONAL, utforare)
    personal = Anvandare.objects.get(username="testare")
    insats = Insats.objects.get(namn="Föräldragrupp ABC")
    o = Omgang.objects.create(
        insats=insats,
        utforare=utforare,
        benamning="Vårens grupp",
        startdatum=datetime.date.today(),
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=10,
    )
    svar = ["uppfyllt"] * insats.villkor.count()
    deltagare = [
        registrera(personal, insats, svar=svar, barnets_alder=5, omgang=o).deltagande
        for _ in range(3)
    ]
    traff_i_dag(o, personal)
    sida.goto(o.get_absolute_url())
    sida.get_by_role("link", name="Avsluta deltagarna").click()
    kontrollera_tillganglighet(sida, "avsluta-deltagare")
    forsta, _, sista = deltagare
    sida.get_by_label(f"Mående vid slut (självskattat), {forsta}").select_option(index=4)
    sida.get_by_label(f"Problem, kort, {forsta}").fill("Ring mig på 070-123 45 67")
    sida.get_by_label(f"Avsluta {sista}").uncheck()
    sida.get_by_role("button", name="Avsluta de ikryssade").click()
    expect(sida.get_by_role("alert")).to_contain_text(str(forsta))
    kontrollera_tillganglighet(sida, "avsluta-deltagare-fel")
    assert not Deltagande.objects.filter(status="avslutad").exists()
    # What was chosen stays as it was: the unticked one too.
    expect(sida.get_by_label(f"Avsluta {sista}")).not_to_be_checked()
    sida.get_by_label(f"Problem, kort, {forsta}").fill("")
    sida.get_by_role("button", name="Avsluta de ikryssade").click()
    expect(sida.get_by_text("2 deltaganden är avslutade enligt plan.")).to_be_visible()
    kontrollera_tillganglighet(sida, "omgang-efter-avslut")
    assert list(o.deltaganden.filter(status="pagaende")) == [sista]
    assert Deltagande.objects.get(pk=forsta.pk).maende_slut is not None
    # The last one, and the round with her: one step, not a second page.
    sida.goto(o.get_absolute_url())
    sida.get_by_role("link", name="Avsluta deltagarna").click()
    sida.get_by_label("Avsluta också omgången").check()
    sida.get_by_role("button", name="Avsluta de ikryssade").click()
    expect(sida.get_by_text("Omgången Vårens grupp är avslutad.")).to_be_visible()
    kontrollera_tillganglighet(sida, "omgang-avslutad-med-deltagarna")
    o.refresh_from_db()
    assert o.status == Omgang.Status.AVSLUTAD
