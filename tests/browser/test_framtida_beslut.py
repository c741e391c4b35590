"""Issue 18 in a real browser: the nämnd decides today for next month; the secretary enters
it, sees the change waiting with its difference, and withdraws it when it was a mistake."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from insatser.models import BeslutadAndring, Insats
from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def test_secretary_enters_a_decision_for_a_later_day_and_withdraws_it(sida, demokatalog, logga_in):
    idag = datetime.date.today()
    dagen = idag + datetime.timedelta(days=31)
    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto(f"/katalog/{demokatalog.slug}/beslut/")
    sida.get_by_label("Beslutande organ").fill("Socialnämnden i Sjöbacka")
    sida.get_by_label("Beslutsdatum").fill(idag.isoformat())
    sida.get_by_label("Gäller från").fill(dagen.isoformat())
    sida.get_by_label("Paragraf").fill("SN § 91")
    sida.get_by_role("button", name="Registrera beslutet").click()
    expect(sida.get_by_role("heading", level=1)).to_contain_text("SN § 91")

    insats = Insats.objects.get(namn="Föräldrarådgivning")
    fore = insats.innehall
    sida.goto(f"/katalog/insats/{insats.pk}/andra/")
    sida.get_by_label("Innehåll").fill("Samtal om föräldraskap, också på kvällstid.")
    sida.get_by_label("Nämndbeslut").select_option(
        label=f"Socialnämnden i Sjöbacka, {idag.isoformat()}, SN § 91"
    )
    sida.get_by_role("button", name="Spara ändringarna").click()
    expect(sida.get_by_role("status")).to_contain_text(
        f"Ändringen är beslutad och gäller från {dagen.isoformat()}"
    )
    rubrik = f"Ändring beslutad – gäller från {dagen.isoformat()}"
    expect(sida.get_by_role("heading", name=rubrik)).to_be_visible()
    expect(sida.locator("ins", has_text="kvällstid").first).to_be_visible()
    kontrollera_tillganglighet(sida, "framtida-beslut-detalj")
    assert Insats.objects.get(pk=insats.pk).innehall == fore

    # The list says so; the catalogue as decided on that day has it; residents still read
    # today's.
    sida.get_by_role("link", name=re.compile("Insatskatalog")).click()
    expect(sida.get_by_text(f"Ändras från {dagen.isoformat()}")).to_be_visible()
    kontrollera_tillganglighet(sida, "framtida-beslut-lista")
    sida.get_by_role("link", name="Katalogen per datum").click()
    sida.get_by_label("Datum").fill(dagen.isoformat())
    sida.get_by_role("button", name="Visa").click()
    expect(sida.get_by_text("Samtal om föräldraskap, också på kvällstid.")).to_be_visible()
    kontrollera_tillganglighet(sida, "framtida-beslut-per-datum")
    sida.goto("/")
    sida.get_by_role("link", name="Föräldrarådgivning").click()
    expect(sida.get_by_text("också på kvällstid")).to_have_count(0)

    # Entered by mistake: withdrawn, first without a reason, then with one.
    sida.goto(f"/katalog/insats/{insats.pk}/")
    sida.get_by_role("link", name="Återkalla ändringen").click()
    kontrollera_tillganglighet(sida, "framtida-beslut-aterkalla")
    sida.get_by_role("button", name="Återkalla ändringen").click()
    expect(sida.get_by_text("Skriv kort varför ändringen återkallas.")).to_be_visible()
    kontrollera_tillganglighet(sida, "framtida-beslut-aterkalla-fel")
    sida.get_by_label("Varför återkallas ändringen?").fill("Beslutet gällde en annan insats")
    sida.get_by_role("button", name="Återkalla ändringen").click()
    expect(sida.get_by_role("status")).to_contain_text("återkallad")
    expect(sida.get_by_text("Beslutet gällde en annan insats")).to_be_visible()
    expect(sida.get_by_role("heading", name=rubrik)).to_have_count(0)
    kontrollera_tillganglighet(sida, "framtida-beslut-aterkallad")
    assert not BeslutadAndring.objects.vantande().exists()

    # The catalogue-wide decision on young people from 15, from the same day.
    sida.goto(f"/katalog/{demokatalog.slug}/uppgifter/")
    sida.get_by_label(re.compile("från 15 år utan vårdnadshavares samtycke")).check()
    sida.get_by_label("Nämndbeslut").select_option(
        label=f"Socialnämnden i Sjöbacka, {idag.isoformat()}, SN § 91"
    )
    kontrollera_tillganglighet(sida, "framtida-beslut-uppgifter")
    sida.get_by_role("button", name="Spara").click()
    expect(sida.get_by_text("Ändringen är beslutad och gäller från")).to_contain_text(
        dagen.isoformat()
    )
    sida.get_by_role("link", name="Katalogens uppgifter").click()
    expect(sida.get_by_role("heading", name=rubrik)).to_be_visible()
    expect(sida.get_by_text("får unga från 15 år delta utan")).to_be_visible()
    kontrollera_tillganglighet(sida, "framtida-beslut-uppgifter-vantar")
