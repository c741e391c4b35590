"""Issue 17 items 4, 6 and 8 in a real browser, each page checked with axe-core: a new
deltagarkod that continues the count, reaching the cap and choosing to go on, searching a
person in a 14:3 insats, and recording that a report of worry about a child was made."""

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.tillfallen.models import Tillfalle
from insatser.models import Insats, Katalog
from organisation.models import Anvandare, Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet
from tests.dokumentation.conftest import registrera

pytestmark = pytest.mark.browser


def test_a_new_code_continues_the_count_until_the_cap_and_a_choice(sida, demokatalog, logga_in):
    logga_in(Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    sida.get_by_role("link", name="Deltaganden").first.click()
    sida.get_by_role("link", name="Ge en ny deltagarkod som fortsätter räkningen").click()
    kontrollera_tillganglighet(sida, "ny-kod-valj")
    sida.get_by_role("link", name="Föräldrarådgivning").click()
    sida.get_by_role("button", name="Ge en ny deltagarkod").click()
    expect(sida.get_by_role("alert")).to_contain_text("Ange hur många samtal")
    kontrollera_tillganglighet(sida, "ny-kod-fel")
    sida.get_by_label("Antal samtal personen har haft hittills").fill("4")
    sida.get_by_label("Kvinna").check()
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_role("button", name="Ge en ny deltagarkod").click()
    d = Deltagande.objects.get()
    expect(sida.get_by_text(f"Ny deltagarkod {d.deltagarkod}")).to_be_visible()
    expect(sida.get_by_text("fortsätter med 4 tidigare samtal").first).to_be_visible()
    kontrollera_tillganglighet(sida, "ny-kod-deltagande")
    # The fifth talk reaches the cap of five: the next needs a choice.
    # (Each talk a different length: two identical ones in a row ask whether to save another.)
    sida.get_by_label("Längd (minuter)").fill("30")
    sida.get_by_role("button", name="Spara samtalet").click()
    expect(sida.get_by_text("har nått taket på 5 tillfällen")).to_be_visible()
    sida.get_by_label("Längd (minuter)").fill("40")
    sida.get_by_role("button", name="Spara samtalet").click()
    expect(sida.get_by_role("alert")).to_contain_text("Välj ett skäl")
    assert d.tillfallen.count() == 1
    kontrollera_tillganglighet(sida, "tak-val-fel")
    sida.get_by_label("Registrera ändå, över taket – skäl").select_option("Avslutande tillfälle")
    sida.get_by_role("button", name="Spara samtalet").click()
    expect(sida.get_by_text("Samtalet är registrerat")).to_be_visible()
    assert Tillfalle.objects.filter(deltagande=d, over_taket="avslutande").count() == 1
    sida.get_by_role("button", name="Registrera: hänvisad att ansöka").click()
    expect(sida.get_by_text("Hänvisad att ansöka")).to_be_visible()
    kontrollera_tillganglighet(sida, "tak-valt")


def test_search_a_person_in_a_14_3_insats(sida, demokatalog, logga_in):
    vuxenenheten = Utforare.objects.get(namn="Vuxenenheten")
    logga_in(Roll.UTFORARPERSONAL, vuxenenheten)
    insats = Insats.objects.get(namn="Stöd till personer med neuropsykiatrisk diagnos")
    personal = Anvandare.objects.get(username="testare")
    for nummer, fornamn in [("198112189876", "Anna"), ("196408233234", "Bertil")]:
        registrera(
            personal,
            insats,
            person=Personuppgifter(nummer, fornamn, "Svensson", False),
            svar=["uppfyllt"] * insats.villkor.count(),
        )
    sida.get_by_role("link", name="Deltaganden").first.click()
    expect(sida.get_by_role("table")).to_contain_text("Bertil Svensson")  # the list, logged
    fore = Atkomstlogg.objects.count()
    sida.get_by_label("Namn eller personnummer").fill("811218")
    sida.get_by_role("button", name="Sök").click()
    expect(sida.get_by_role("table")).to_contain_text("Anna Svensson")
    expect(sida.get_by_role("table")).not_to_contain_text("Bertil")
    expect(sida.get_by_text("1 träff")).to_be_visible()
    kontrollera_tillganglighet(sida, "sok-14-3")
    anna = Deltagande.objects.get(person__fornamn="Anna")
    assert [r.deltagande_id for r in Atkomstlogg.objects.order_by("pk")[fore:]] == [anna.pk]
    sida.get_by_role("link", name="Anna Svensson").click()
    expect(sida.get_by_text("19811218-9876")).to_be_visible()


def test_worry_about_a_child_in_an_anonymous_insats(sida, demokatalog, logga_in):
    Katalog.objects.update(
        orosanmalan_rutin="Ring mottagningen för barn och unga, 0123-456 78, vardagar 8–17. "
        "Efter kontorstid: socialjouren."
    )
    logga_in(Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Familjecentralen Sjöbacka"))
    sida.get_by_role("link", name="Deltaganden").first.click()
    sida.get_by_role("link", name="Oro för ett barn").click()
    kontrollera_tillganglighet(sida, "oro-valj")
    sida.get_by_role("link", name="Föräldragrupp ABC").click()
    expect(sida.get_by_text("0123-456 78")).to_be_visible()
    sida.get_by_role("button", name="Registrera orosanmälan gjord").click()
    expect(sida.get_by_role("alert")).to_contain_text("Bekräfta att anmälan är gjord")
    kontrollera_tillganglighet(sida, "oro-fel")
    sida.get_by_label("Jag har gjort en orosanmälan till socialtjänsten").check()
    sida.get_by_role("button", name="Registrera orosanmälan gjord").click()
    expect(sida.get_by_text("är registrerat")).to_be_visible()
    assert Orosanmalan.objects.get().insats.namn == "Föräldragrupp ABC"
    kontrollera_tillganglighet(sida, "oro-klar")


def test_the_secretary_keeps_the_procedure_text(sida, demokatalog, logga_in):
    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto(f"/katalog/{demokatalog.slug}/uppgifter/")
    sida.get_by_label("så gör utföraren en orosanmälan om ett barn").fill(
        "Ring mottagningen för barn och unga."
    )
    kontrollera_tillganglighet(sida, "katalog-orosanmalan")
    sida.get_by_role("button", name="Spara").click()
    expect(sida.get_by_text("Katalogens uppgifter är sparade")).to_be_visible()
    demokatalog.refresh_from_db()
    assert demokatalog.orosanmalan_rutin == "Ring mottagningen för barn och unga."
