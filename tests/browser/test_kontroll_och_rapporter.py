"""The secretary reaches every published report from the start page and reads the internal
control per risk; the enhetschef finds one staff member's registrations of one insats to
correct. axe-core on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.browser.test_uppfoljning import med_registreringar  # noqa: F401

pytestmark = pytest.mark.browser
AR = datetime.date.today().year - 1


def test_secretary_opens_a_report_from_the_start_page(sida, med_registreringar, logga_in):
    logga_in(Roll.NAMNDSEKRETERARE, username="sekreteraren")
    rapporter = sida.get_by_role("region", name="Rapporter till nämnden")
    expect(rapporter).to_contain_text(f"{AR}, halvår 1")
    kontrollera_tillganglighet(sida, "sekreterare-start-rapporter")
    rapporter.get_by_role("link", name=f"Rapport {AR}").click()
    tabell = sida.get_by_role("table", name=f"Intern kontroll per risk {AR}")
    expect(tabell).to_contain_text("Enhetschefens månatliga loggkontroll")
    kontrollera_tillganglighet(sida, "sekreterare-rapport-risker")


def test_unit_manager_filters_registrations_by_staff_and_insats(
    sida,
    med_registreringar,
    logga_in,
):
    logga_in(Roll.ENHETSCHEF, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    sida.goto("/utforare/registreringar/")
    sida.get_by_label("Insats").select_option(label="Föräldrarådgivning")
    sida.get_by_label("Registrerad av").select_option(index=1)
    sida.get_by_role("button", name="Visa").click()
    kontakter = sida.get_by_role("table", name="Kontakter")
    expect(kontakter.get_by_role("row")).to_have_count(9)  # the header and eight contacts
    expect(kontakter).not_to_contain_text("Inga kontakter")
    kontrollera_tillganglighet(sida, "enhetschef-registreringar-urval")
