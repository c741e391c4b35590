"""Follow-up in a real browser: the enhetschef writes and signs the yearly follow-up, the
verksamhetschef reads the nämnd's report. axe-core on every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from insatser.models import Insats
from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory
from uppfoljning import publicering

pytestmark = pytest.mark.browser
AR = datetime.date.today().year - 1


@pytest.fixture
def med_registreringar(demokatalog):
    personal = AnvandareFactory(username="registrerare")
    radgivning = Insats.objects.get(namn="Föräldrarådgivning")
    for nr in range(8):
        registrera(
            personal,
            radgivning,
            datum=datetime.date(AR, 7 + nr % 6, 10),  # the insats is in force from July
            alder=30 + nr,
            barnets_alder=6,
            svar=["uppfyllt", "uppfyllt"],
            minuter=45,
            kon="kvinna" if nr % 3 else "man",
        )
    publicering.publicera_allt()  # the daily run
    return demokatalog


def test_unit_manager_signs_the_yearly_follow_up(sida, med_registreringar, logga_in):
    logga_in(Roll.ENHETSCHEF, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    expect(sida.get_by_role("heading", name="Årsuppföljningar att göra")).to_be_visible()
    sida.get_by_role("link", name=f"Föräldrarådgivning {AR}").click()
    expect(sida.get_by_role("table", name="Indikatorer, tre år")).to_be_visible()
    kontrollera_tillganglighet(sida, "enhetschef-arsuppfoljning")
    sida.get_by_label("Analys").fill("Efterfrågan ökade under hösten.")
    sida.get_by_role("button", name="Signera och lås").click()
    expect(sida.get_by_role("alert")).to_contain_text("Fyll i innan du signerar")
    sida.get_by_label("Sammanfattning").fill("Insatsen nådde fler föräldrar än året innan.")
    sida.get_by_label("Slutsats").fill("Insatsen fungerar som avsett.")
    sida.get_by_label("Delvis uppnått").check()
    sida.get_by_label("Behåll insatsen").check()
    sida.get_by_role("button", name="Signera och lås").click()
    expect(sida.get_by_text("Siffror och text är låsta")).to_be_visible()
    expect(sida.get_by_role("button", name="Spara")).to_have_count(0)
    kontrollera_tillganglighet(sida, "enhetschef-signerad")

    # Loggkontroll.
    sida.goto("/start/")
    sida.get_by_role("link", name="Åtkomstlogg och loggkontroll").click()
    kontrollera_tillganglighet(sida, "enhetschef-logg")
    sida.get_by_role("link", name=re.compile("^Granska ")).first.click()
    sida.get_by_role("button", name=re.compile("^Registrera att jag har granskat")).click()
    expect(sida.get_by_role("status")).to_contain_text("är registrerad")
    kontrollera_tillganglighet(sida, "enhetschef-logggranskning")


def test_verksamhetschef_reads_the_report(sida, med_registreringar, logga_in):
    demokatalog = med_registreringar
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.get_by_role("link", name="Öppna uppföljningen").click()
    kontrollera_tillganglighet(sida, "verksamhetschef-index")
    sida.get_by_role("link", name=f"{AR}, halvår 2").click()
    expect(
        sida.get_by_role("table", name=f"Indikatorer per insats, {AR}, halvår 2")
    ).to_be_visible()
    kontrollera_tillganglighet(sida, "verksamhetschef-riktlinje")
    sida.go_back()
    sida.get_by_role("link", name=f"Rapport {AR}").click()
    expect(sida.get_by_role("heading", name="Intern kontroll", exact=True)).to_be_visible()
    expect(sida.locator("svg.diagram").first).to_be_visible()
    kontrollera_tillganglighet(sida, "verksamhetschef-rapport")
    with sida.expect_download() as nedladdning:
        sida.get_by_role("link", name="Ladda ned PDF").click()
    assert nedladdning.value.suggested_filename == f"iub-uppfoljning-{demokatalog.slug}-{AR}.pdf"
    sida.get_by_role("link", name="Uppföljning").first.click()
    sida.get_by_role("link", name="Publicerade perioder och nästa publicering").click()
    expect(sida.get_by_role("table", name=re.compile("^Publiceringar"))).to_contain_text(f"{AR}-H1")
    expect(sida.get_by_text(re.compile("^Nästa publicering:"))).to_be_visible()
    kontrollera_tillganglighet(sida, "verksamhetschef-publiceringar")


def test_secretary_prepares_the_board_paper(sida, med_registreringar, logga_in):
    logga_in(Roll.NAMNDSEKRETERARE, username="sekreteraren")
    sida.goto(f"/uppfoljning/rapport/{AR}/")
    expect(sida.get_by_role("heading", name="Sammanfattning")).to_be_visible()
    sida.get_by_text("Försättsblad, sammanfattning och folkmängd").click()
    sida.get_by_label("Diarienummer").fill(f"{AR + 1}/14")
    sida.locator("#id_ansvarig").fill("Sara Sekreterare")
    sida.get_by_label(f"Folkmängd 31 december {AR}").fill("-3")
    kontrollera_tillganglighet(sida, "sekreterare-rapport-formular")
    sida.get_by_role("button", name="Spara uppgifterna").click()
    expect(sida.get_by_role("alert")).to_be_visible()
    sida.get_by_label(f"Folkmängd 31 december {AR}").fill("25100")
    sida.get_by_role("button", name="Spara uppgifterna").click()
    expect(sida.get_by_role("status")).to_contain_text("sparade")
    forsatt = sida.locator(".forsattsblad")
    expect(forsatt).to_contain_text(f"{AR + 1}/14")
    expect(forsatt).to_contain_text("Sara Sekreterare")
    expect(sida.get_by_role("table", name="Kostnad för hela katalogen")).to_contain_text("25 100")
    kontrollera_tillganglighet(sida, "sekreterare-rapport")
