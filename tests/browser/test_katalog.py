"""The catalogue's main journeys in a real browser: the resident and the nämndsekreterare."""

import json
import re

import pytest
from playwright.sync_api import expect

from insatser.models import Insats
from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def test_resident_finds_an_insats_without_logging_in(sida, demokatalog):
    sida.goto("/")
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Stöd du kan få utan att ansöka")
    kontrollera_tillganglighet(sida, "publik-katalog")

    sida.get_by_role("textbox", name="Sök").fill("föräldrar")
    sida.get_by_role("button", name="Sök").click()
    expect(sida.get_by_role("link", name="Föräldragrupp ABC")).to_be_visible()
    expect(sida.get_by_role("link", name="Träffpunkt Hamnen")).to_have_count(0)
    kontrollera_tillganglighet(sida, "publik-sok")

    sida.get_by_role("link", name="Föräldragrupp ABC").click()
    expect(sida.get_by_text("Barnet ska vara 3–12 år.")).to_be_visible()
    expect(sida.get_by_role("heading", name="Du har alltid rätt att ansöka")).to_be_visible()
    kontrollera_tillganglighet(sida, "publik-insats")

    sida.get_by_role("link", name=re.compile("Alla insatser")).click()
    sida.get_by_role("link", name="Hela katalogen för utskrift").click()
    expect(sida.get_by_role("heading", name="Föräldragrupp ABC")).to_be_visible()
    kontrollera_tillganglighet(sida, "publik-utskrift")

    sida.go_back()
    sida.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(sida.get_by_text("Sjöbacka kommun står bakom den här webbplatsen")).to_be_visible()
    kontrollera_tillganglighet(sida, "publik-tillganglighet")


def test_keyboard_user_can_skip_to_content(sida, demokatalog):
    sida.goto("/")
    sida.keyboard.press("Tab")
    hoppa = sida.get_by_role("link", name="Hoppa till innehållet")
    expect(hoppa).to_be_focused()
    sida.keyboard.press("Enter")
    expect(sida.locator("main")).to_be_focused()


def test_secretary_keeps_the_catalogue(sida, demokatalog, logga_in):
    logga_in(Roll.NAMNDSEKRETERARE)
    kontrollera_tillganglighet(sida, "sekreterare-start")
    sida.get_by_role("link", name="Öppna katalogen").click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Insatskatalog – Sjöbacka")
    expect(sida.get_by_text("Motivering saknas")).to_be_visible()
    kontrollera_tillganglighet(sida, "sekreterare-lista")

    sida.get_by_label("Dokumentationsregel").select_option("14:3")
    sida.get_by_role("button", name="Filtrera").click()
    expect(sida.get_by_role("link", name="Boendecoachning")).to_be_visible()
    expect(sida.get_by_role("link", name="Föräldragrupp ABC")).to_have_count(0)

    # A new draft: first with contradicting villkor, then right.
    sida.get_by_role("link", name="Ny insats").click()
    sida.get_by_label("Namn:", exact=True).fill("Samtalsgrupp för tonåringar")
    sida.get_by_label("Slags insats").select_option("gruppverksamhet")
    sida.get_by_label("Dokumentationsregel").select_option("14:5")
    sida.locator("#id_villkor-0-typ").select_option("alder")
    sida.locator("#id_villkor-0-min_alder").fill("19")
    sida.locator("#id_villkor-0-max_alder").fill("13")
    kontrollera_tillganglighet(sida, "sekreterare-ny")
    sida.get_by_role("button", name="Spara utkast").click()
    fel = sida.get_by_role("alert")
    expect(fel).to_contain_text("Villkor 1, högsta ålder: Lägsta ålder kan inte vara högre")
    kontrollera_tillganglighet(sida, "sekreterare-ny-fel")
    assert not Insats.objects.filter(namn="Samtalsgrupp för tonåringar").exists()

    sida.locator("#id_villkor-0-min_alder").fill("13")
    sida.locator("#id_villkor-0-max_alder").fill("19")
    sida.get_by_label("Motivering").fill("Särskilda skäl: unga söker inte stöd som registreras.")
    sida.get_by_role("button", name="Spara utkast").click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Samtalsgrupp för tonåringar")

    # Without its content and target group the nämnd cannot decide it (11 kap. 5 §).
    sida.get_by_role("link", name="Besluta under ett nämndbeslut").click()
    sida.get_by_label("Beslutande organ").fill("Socialnämnden i Sjöbacka")
    sida.get_by_label("Beslutsdatum").fill("2026-10-19")
    sida.get_by_label("Paragraf").fill("SN § 81")
    sida.get_by_role("button", name="Registrera beslutet").click()
    sida.get_by_label("Samtalsgrupp för tonåringar").check()
    sida.get_by_role("button", name="Besluta de valda utkasten").click()
    expect(sida.get_by_role("alert")).to_contain_text("Ange vad insatsen innehåller")
    kontrollera_tillganglighet(sida, "sekreterare-beslut-underlag-saknas")
    utkast = Insats.objects.get(namn="Samtalsgrupp för tonåringar")
    sida.goto(f"/katalog/insats/{utkast.pk}/")
    sida.get_by_role("link", name="Ändra").click()
    sida.get_by_label("Innehåll").fill("Samtal i grupp om att må bra.")
    sida.get_by_label("Målgrupp").fill("Tonåringar som vill prata med andra i samma läge.")
    sida.get_by_role("button", name="Spara").first.click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Samtalsgrupp för tonåringar")
    expect(sida.get_by_text("Du ska vara 13–19 år.")).to_be_visible()
    kontrollera_tillganglighet(sida, "sekreterare-detalj")

    # The nämnd decides it.
    sida.get_by_role("link", name="Besluta under ett nämndbeslut").click()
    sida.get_by_label("Beslutande organ").fill("Socialnämnden i Sjöbacka")
    sida.get_by_label("Beslutsdatum").fill("2026-10-20")
    sida.get_by_label("Paragraf").fill("SN § 82")
    kontrollera_tillganglighet(sida, "sekreterare-beslut-lista")
    sida.get_by_role("button", name="Registrera beslutet").click()
    sida.get_by_label("Samtalsgrupp för tonåringar").check()
    kontrollera_tillganglighet(sida, "sekreterare-beslut")
    sida.get_by_role("button", name="Besluta de valda utkasten").click()
    expect(sida.get_by_role("status")).to_contain_text("beslutade")

    # A change to the decided insats stands under a decision, and shows in the history.
    sida.get_by_role("link", name="Samtalsgrupp för tonåringar").click()
    sida.get_by_role("link", name="Ändra").click()
    sida.get_by_label("Innehåll").fill("Sex träffar i grupp.")
    beslut = "Socialnämnden i Sjöbacka, 2026-10-20, SN § 82"
    sida.get_by_label("Nämndbeslut").select_option(label=beslut)
    kontrollera_tillganglighet(sida, "sekreterare-andra")
    sida.get_by_role("button", name="Spara ändringarna").click()
    sida.get_by_role("link", name="Jämför versioner").click()
    expect(sida.locator("ins", has_text="Sex träffar").first).to_be_visible()
    kontrollera_tillganglighet(sida, "sekreterare-jamfor")

    sida.goto("/")
    expect(sida.get_by_role("link", name="Samtalsgrupp för tonåringar")).to_be_visible()


def test_secretary_import_refuses_an_invalid_file(sida, demokatalog, logga_in, tmp_path):
    logga_in(Roll.NAMNDSEKRETERARE)
    fil = tmp_path / "fel.json"
    fil.write_text(
        json.dumps(
            {
                "kommun": "Sjöbacka",
                "insatser": [
                    {"namn": "Kontaktperson", "dokumentation": {"regel": "14:3"}},
                    {"namn": "Grupp", "form": "cirkus", "dokumentation": {"regel": "14:4"}},
                ],
            }
        )
    )
    sida.goto("/katalog/importera/")
    sida.get_by_label("Katalogfil (JSON)").set_input_files(fil)
    sida.get_by_role("button", name="Importera").click()
    expect(sida.get_by_text("$.insatser[1].form: otillåtet värde 'cirkus'")).to_be_visible()
    expect(sida.get_by_text(re.compile(r"\$\.insatser\[0\]\.namn: .*11 kap\. 5 §"))).to_be_visible()
    kontrollera_tillganglighet(sida, "sekreterare-import-fel")
    assert not Insats.objects.filter(namn="Grupp").exists()


def test_secretary_import_says_what_is_wrong_with_an_unseen_file(sida, demokatalog, logga_in):
    """A catalogue saved by a spreadsheet in Latin-1, and one with a key twice: the page says
    why and where, in Swedish, with the path as code."""
    from tests.insatser.test_katalogfiler import FILER

    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto("/katalog/importera/")
    sida.get_by_label("Katalogfil (JSON)").set_input_files(FILER / "trasiga" / "latin1.json")
    sida.get_by_role("button", name="Importera").click()
    expect(sida.get_by_text("filen är inte kodad som UTF-8 (tecknet 0xF6 på rad 2")).to_be_visible()
    sida.get_by_label("Katalogfil (JSON)").set_input_files(
        FILER / "trasiga" / "dubbla-nycklar.json"
    )
    sida.get_by_role("button", name="Importera").click()
    expect(sida.locator(".fel-lista li code").first).to_have_text("$.insatser[0]")
    expect(sida.get_by_text("fältet 'namn' står flera gånger i samma objekt")).to_be_visible()
    kontrollera_tillganglighet(sida, "sekreterare-import-okand-fil")


def test_staff_sets_up_two_factor_authentication(sida, demokatalog, logga_in):
    from organisation.models import Utforare
    from tests.factories import AnvandareFactory

    AnvandareFactory.med_roll(
        Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Familjecentralen Sjöbacka"), username="ny"
    )
    sida.goto("/logga-in/")
    sida.get_by_label("Användarnamn").fill("ny")
    sida.get_by_label("Lösenord").fill("losenord-for-test")
    sida.get_by_role("button", name="Logga in").click()
    expect(sida.get_by_role("heading", name="Ställ in tvåstegsverifiering")).to_be_visible()
    kontrollera_tillganglighet(sida, "tvasteg-installera")


def test_a_missing_page_says_so_in_swedish(sida, demokatalog):
    sida.goto("/finns-inte/")
    expect(sida.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    kontrollera_tillganglighet(sida, "fel-404")
    sida.get_by_role("link", name="Till den publika katalogen").click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("Stöd du kan få utan att ansöka")


def test_secretary_decides_corrects_and_reads_the_catalogue_as_decided(sida, demokatalog, logga_in):
    """Issue 18: a decision entered later applies from its effective date, a correction
    applies to the decision it corrects, and the catalogue reads as decided on each day."""
    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto(f"/katalog/{demokatalog.slug}/beslut/")
    sida.get_by_label("Beslutande organ").fill("Socialnämnden i Sjöbacka")
    sida.get_by_label("Beslutsdatum").fill("2026-03-10")
    sida.get_by_label("Gäller från").fill("2026-04-01")
    sida.get_by_label("Paragraf").fill("SN § 20")
    sida.get_by_role("button", name="Registrera beslutet").click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("SN § 20")
    kontrollera_tillganglighet(sida, "beslutstid-beslut")

    # A change under the new decision.
    insats = Insats.objects.get(namn="Föräldrarådgivning")
    sida.goto(f"/katalog/insats/{insats.pk}/andra/")
    sida.get_by_label("Innehåll").fill("Samtal om föräldraskap, på plats eller per telefonn.")
    sida.get_by_label("Nämndbeslut").select_option(
        label="Socialnämnden i Sjöbacka, 2026-03-10, SN § 20"
    )
    sida.get_by_role("button", name="Spara ändringarna").click()
    expect(sida.get_by_role("status")).to_contain_text("Ändringarna är sparade")

    # A typo in it, corrected: first without saying why, then right.
    sida.get_by_role("link", name="Ändra").click()
    sida.get_by_label("Innehåll").fill("Samtal om föräldraskap, på plats eller per telefon.")
    sida.get_by_label("En rättelse av det gällande beslutet").check()
    sida.get_by_role("button", name="Spara ändringarna").click()
    expect(sida.get_by_role("alert")).to_contain_text("Skriv kort vad som rättas och varför")
    kontrollera_tillganglighet(sida, "beslutstid-rattelse-fel")
    sida.get_by_label("Vad rättas och varför").fill("Stavfel i innehållet")
    sida.get_by_role("button", name="Spara ändringarna").click()
    expect(sida.get_by_role("cell", name=re.compile("Rättelse av beslut.*Stavfel"))).to_be_visible()
    kontrollera_tillganglighet(sida, "beslutstid-detalj")

    # The catalogue as decided: before the decision took effect, and after.
    sida.get_by_role("link", name=re.compile("Insatskatalog")).click()
    sida.get_by_role("link", name="Katalogen per datum").click()
    sida.get_by_label("Datum").fill("2026-03-31")
    sida.get_by_role("button", name="Visa").click()
    expect(
        sida.get_by_text("Samtal om föräldraskap, på plats, per telefon eller digitalt.")
    ).to_be_visible()
    kontrollera_tillganglighet(sida, "beslutstid-per-datum-fore")
    sida.get_by_label("Datum").fill("2026-04-15")
    sida.get_by_role("button", name="Visa").click()
    expect(sida.get_by_text("Samtal om föräldraskap, på plats eller per telefon.")).to_be_visible()
    expect(sida.get_by_text("Rättat: Stavfel i innehållet")).to_be_visible()
    kontrollera_tillganglighet(sida, "beslutstid-per-datum-efter")

    # The difference between the two decisions, the correction included.
    sida.get_by_role("link", name="Jämför beslut").click()
    rad = sida.get_by_role("row", name=re.compile("Innehåll"))
    expect(rad.locator("del").last).to_have_text("telefon eller digitalt.")
    expect(rad.locator("ins").last).to_have_text("telefon.")
    kontrollera_tillganglighet(sida, "beslutstid-jamfor-beslut")
