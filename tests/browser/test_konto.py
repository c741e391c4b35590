"""Accounts in a real browser: every role sets up its second factor, changes its own password;
the systemadministratör resets someone's second factor (with their own) and reviews accounts;
the enhetschef makes a register extract. axe-core on every page."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.kontakter.services import Personuppgifter
from insatser.models import Insats
from organisation.models import Roll, Sakerhetshandelse, Utforare
from tests.browser.conftest import WCAG, _axe, kontrollera_tillganglighet
from tests.conftest import app_for
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory, InsatsFactory

pytestmark = pytest.mark.browser
NYTT = "ett-helt-nytt-losenord-2026"


def test_sekreterare_sets_up_two_factor_and_changes_password(sida, demokatalog, logga_in):
    logga_in(Roll.NAMNDSEKRETERARE, username="sekreterare")  # via /tvasteg/: set up the app
    sida.get_by_role("link", name="Byt lösenord").click()
    kontrollera_tillganglighet(sida, "konto-losenord")
    sida.get_by_label("Gammalt lösenord").fill("losenord-for-test")
    sida.get_by_label(re.compile("^Nytt lösenord")).fill("kort")
    sida.get_by_label("Bekräfta nytt lösenord").fill("kort")
    sida.get_by_role("button", name="Byt lösenord").click()
    expect(sida.get_by_text("Det här lösenordet är för kort", exact=False).last).to_be_visible()
    sida.get_by_label("Gammalt lösenord").fill("losenord-for-test")
    sida.get_by_label(re.compile("^Nytt lösenord")).fill(NYTT)
    sida.get_by_label("Bekräfta nytt lösenord").fill(NYTT)
    sida.get_by_role("button", name="Byt lösenord").click()
    expect(sida.get_by_role("status")).to_contain_text("Lösenordet är bytt")


def test_admin_resets_a_second_factor_and_reviews_accounts(
    sida, demokatalog, logga_in, webblasare, live_server
):
    kollega = AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, username="kollega")
    app_for(kollega)
    logga_in(Roll.SYSTEMADMINISTRATOR, username="admin")  # the admin's own second factor
    sida.get_by_role("link", name="Granska konton och behörigheter").click()
    expect(sida.get_by_role("table", name=re.compile("^Konton"))).to_contain_text("kollega")
    kontrollera_tillganglighet(sida, "system-kontogranskning")
    sida.goto("/system/organisation/anvandare/")
    sida.get_by_role("row", name=re.compile("kollega")).get_by_role("checkbox").check()
    sida.get_by_label("Åtgärd:").select_option("aterstall_tvasteg")
    sida.get_by_role("button", name="Utför").click()
    expect(sida.get_by_text("Tvåstegsverifieringen är återställd för 1 användare")).to_be_visible()
    assert Sakerhetshandelse.objects.filter(anvandare=kollega).exists()
    # The colleague is told at their next login, where they set up a new one.
    kontext = webblasare.new_context(base_url=live_server.url, locale="sv-SE")
    annan = kontext.new_page()
    annan.goto("/logga-in/")
    annan.get_by_label("Användarnamn").fill("kollega")
    annan.get_by_label("Lösenord").fill("losenord-for-test")
    annan.get_by_role("button", name="Logga in").click()
    expect(annan.get_by_role("status")).to_contain_text("Din tvåstegsverifiering återställdes")
    kontrollera_tillganglighet(annan, "tvasteg-efter-aterstallning")
    hemlighet = base64.b32decode(annan.locator("#hemlighet").inner_text())
    annan.get_by_label("Kod").fill(f"{totp(hemlighet):06d}")
    annan.get_by_role("button", name="Aktivera").click()
    expect(annan.get_by_role("heading", name="Tvåstegsverifieringen är aktiverad")).to_be_visible()
    kontext.close()


def test_admin_gives_a_role_by_its_labelled_fields(sida, demokatalog, logga_in):
    """The roles on a user's page: each field has its label (the tabular form's selects had
    none). axe on the form itself; the admin's own header and breadcrumbs are Django's."""
    kollega = AnvandareFactory(username="kollega")
    utforare = Utforare.objects.get(namn="Träffpunkt Hamnen")
    logga_in(Roll.SYSTEMADMINISTRATOR, username="admin")
    sida.goto(f"/system/organisation/anvandare/{kollega.pk}/change/")
    resultat = _axe.run(sida, context="#anvandare_form", options=WCAG)
    assert resultat.violations_count == 0, resultat.generate_report()
    sida.get_by_label("Roll:").first.select_option(label=Roll.UTFORARPERSONAL.label)
    sida.get_by_label("Utförare:").first.select_option(label=str(utforare))
    sida.get_by_role("button", name="Spara", exact=True).click()
    expect(sida.get_by_text("Ändrade användare", exact=False)).to_be_visible()
    assert list(kollega.behorigheter.values_list("roll", "utforare")) == [
        (Roll.UTFORARPERSONAL, utforare.pk)
    ]


def test_enhetschef_makes_a_register_extract(sida, demokatalog, logga_in):
    utforare = Utforare.objects.get(namn="Vuxenenheten")
    insats = InsatsFactory(
        katalog=demokatalog,
        utforare=utforare,
        beslutad=True,
        namn="Boendestöd med journal",
        dokumentationsregel="14:3",
        dokumentation_motivering=None,
        form=Insats.Form.INDIVIDUELL,
    )
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="personal")
    d = registrera(
        personal,
        insats,
        person=Personuppgifter("198112189876", "Anna", "Svensson", False),
    ).deltagande
    skriv_journalanteckning(deltagande=d, text="Första samtalet.", anvandare=personal)
    logga_in(Roll.ENHETSCHEF, utforare)
    sida.get_by_role("link", name="Registerutdrag").click()
    sida.get_by_label("Personnummer eller samordningsnummer").fill("19811218-9876")
    sida.get_by_role("button", name="Ta fram utdrag").click()
    expect(sida.get_by_role("heading", name=re.compile("Anna Svensson"))).to_be_visible()
    expect(sida.get_by_text("Första samtalet.")).to_be_visible()
    kontrollera_tillganglighet(sida, "enhetschef-registerutdrag")


def test_the_admin_list_is_in_swedish_and_its_breadcrumbs_are_told_from_text(
    sida, demokatalog, logga_in
):
    """The changelist's search box is named "Sök" (Django's template hard-codes "Search"),
    and the breadcrumbs' links are underlined (axe link-in-text-block)."""
    logga_in(Roll.SYSTEMADMINISTRATOR, username="admin")
    sida.goto("/system/organisation/anvandare/")
    expect(sida.get_by_role("textbox", name="Sök", exact=True)).to_be_visible()
    resultat = _axe.run(
        sida, options={"runOnly": {"type": "rule", "values": ["link-in-text-block"]}}
    )
    assert resultat.violations_count == 0, resultat.generate_report()
    kontrollera_tillganglighet(sida, "system-anvandare")


def test_logga_ut_overallt_from_the_menu(sida, demokatalog, logga_in):
    """ "Mina inloggningar" from the menu; its button by keyboard (the other sessions it
    ends are tested in tests/organisation/test_konto.py)."""
    logga_in(Roll.NAMNDSEKRETERARE, username="sekreterare")
    sida.get_by_role("link", name="Mina inloggningar").click()
    kontrollera_tillganglighet(sida, "konto-inloggningar")
    expect(sida.get_by_text("Du är inte inloggad någon annanstans")).to_be_visible()
    sida.get_by_role("button", name="Logga ut överallt utom här").focus()
    sida.keyboard.press("Enter")
    expect(sida.get_by_role("status")).to_contain_text("Du var inte inloggad någon annanstans")
    kontrollera_tillganglighet(sida, "konto-inloggningar-efter")
