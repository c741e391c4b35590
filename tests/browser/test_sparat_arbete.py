"""Typed work in a real browser (issue 17, items 2 and 3): the warning before the idle timeout,
a form posted after the timeout back after signing in again, and Back + Save asking before a
second identical record. axe on every page."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from dokumentation.kontakter.models import Kontakt
from organisation.models import Roll, SparatArbete, Utforare
from tests.browser.conftest import fyll_i_radgivning, kontrollera_tillganglighet, oppna_radgivning

pytestmark = pytest.mark.browser


@pytest.fixture
def personalen(demokatalog):
    return Utforare.objects.get(namn="Familjecentralen Sjöbacka")


def test_a_form_posted_after_the_timeout_comes_back(sida, personalen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, personalen)
    oppna_radgivning(sida)
    kontrollera_tillganglighet(sida, "sparat-formular")
    fyll_i_radgivning(sida, alder="57")
    Session.objects.all().delete()  # the idle timeout passes while the form is filled in
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(sida.get_by_text("Det du skrev är sparat i 15 minuter")).to_be_visible()
    kontrollera_tillganglighet(sida, "sparat-logga-in")
    assert not Kontakt.objects.exists() and SparatArbete.objects.count() == 1

    sida.get_by_label("Användarnamn").fill("testare")
    sida.get_by_label("Lösenord").fill("losenord-for-test")
    sida.get_by_role("button", name="Logga in").click()
    if "/tvasteg/" in sida.url:
        from django_otp.oath import totp

        from organisation.enheter import Autentiseringsapp

        # The latest period the device takes now: the code of the first sign-in cannot be
        # used again, and the device keeps the drift it learnt then (a sign-in that crossed a
        # 30-second boundary leaves it at -1, so a plain "next period" could be refused).
        app = Autentiseringsapp.objects.get()
        kod = totp(app.bin_key, drift=app.drift + app.tolerance)
        sida.get_by_label("Kod").fill(f"{kod:06d}")
        sida.get_by_role("button", name="Fortsätt").click()
    expect(sida.get_by_text("Det du skrev innan du loggades ut är ifyllt igen")).to_be_visible()
    expect(sida.get_by_label("Ålder (år):", exact=True)).to_have_value("57")
    expect(sida.get_by_label("Börjar delta")).to_be_checked()
    kontrollera_tillganglighet(sida, "sparat-aterstallt")
    assert not SparatArbete.objects.exists() and not Kontakt.objects.exists()
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_text("Kontakten är registrerad.")).to_be_visible()
    assert Kontakt.objects.count() == 1


def test_back_and_save_asks_first(sida, personalen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, personalen)
    oppna_radgivning(sida)
    fyll_i_radgivning(sida)
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_text("Kontakten är registrerad.")).to_be_visible()
    sida.go_back()
    # The page is never cached (no-store): a fresh form, filled in again as the user would.
    if sida.get_by_label("Ålder (år):", exact=True).input_value() != "41":
        fyll_i_radgivning(sida)
    sida.get_by_role("button", name="Spara kontakten").click()
    fraga = sida.get_by_role("alert").filter(has_text="Du sparade just en likadan")
    expect(fraga).to_be_visible()
    kontrollera_tillganglighet(sida, "likadan-fraga")
    assert Kontakt.objects.count() == 1
    sida.get_by_role("button", name="Ja, spara en till").click()
    expect(sida.get_by_text("Kontakten är registrerad.")).to_be_visible()
    assert Kontakt.objects.count() == 2


def test_the_warning_before_the_timeout(sida, personalen, logga_in, settings):
    logga_in(Roll.UTFORARPERSONAL, personalen)
    settings.SESSION_VARNING_SEKUNDER = settings.SESSION_COOKIE_AGE  # warn at once
    sida.reload()
    dialog = sida.get_by_role("dialog", name="Du loggas snart ut")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Fortsätt vara inloggad")).to_be_focused()
    kontrollera_tillganglighet(sida, "sessionen-varning")
    with sida.expect_response("**/sessionen/forlang/") as svar:
        dialog.get_by_role("button", name="Fortsätt vara inloggad").click()
    assert svar.value.status == 200
    expect(sida.get_by_text("om du inte gör något")).to_be_visible()
