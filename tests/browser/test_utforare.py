"""The utförare's journeys in a real browser (issue: register contacts, participation and
sessions with the law built into the flow), each page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Kontakt
from dokumentation.tillfallen.models import Besoksantal, Narvaro
from organisation.models import Roll, Utforare
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def valj(sida, namn):
    sida.get_by_role("link", name="Någon vänder sig till oss – ny kontakt").click()
    sida.get_by_role("link", name=namn).click()


def svara(sida, villkor_nr, svar="Uppfyllt"):
    sida.locator(f"#id_villkor_{villkor_nr}").get_by_label(svar, exact=True).check()


def test_parent_joins_a_group_anonymously(sida, familjecentralen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    kontrollera_tillganglighet(sida, "personal-start")
    valj(sida, "Föräldragrupp ABC")
    expect(sida.get_by_text("Insatsen dokumenteras utan identitet")).to_be_visible()
    expect(sida.get_by_label("Personnummer eller samordningsnummer")).to_have_count(0)
    kontrollera_tillganglighet(sida, "personal-kontakt")

    # First the mistakes: no information given, and "met" for a 15-year-old child.
    sida.get_by_label("Ålder (år):", exact=True).fill("34")
    sida.get_by_label("Barnets ålder (år)").fill("15")
    sida.get_by_label("Kvinna").check()
    svara(sida, 1)
    svara(sida, 2)
    sida.get_by_label("Börjar delta").check()
    sida.get_by_role("button", name="Spara kontakten").click()
    fel = sida.get_by_role("alert")
    expect(fel).to_contain_text("11 kap. 6 §")
    expect(fel).to_contain_text("Svaret stämmer inte med barnets ålder (15 år).")
    kontrollera_tillganglighet(sida, "personal-kontakt-fel")
    assert not Kontakt.objects.exists()

    sida.get_by_label("Barnets ålder (år)").fill("7")
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Omgång:").select_option(label="Föräldragrupp ABC – Vårens grupp")
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("heading", name="Deltagarkort")).to_be_visible()
    kod = Deltagande.objects.get().deltagarkod
    expect(sida.get_by_text(kod)).to_be_visible()
    kontrollera_tillganglighet(sida, "personal-deltagarkort")

    # The round: a meeting and its attendance.
    sida.get_by_role("link", name="Till deltagandet").click()
    sida.get_by_role("link", name="Vårens grupp").click()
    kontrollera_tillganglighet(sida, "personal-omgang")
    sida.get_by_role("button", name="Registrera träffen och pricka av närvaro").click()
    sida.get_by_label(f"Deltagare {kod}").check()
    kontrollera_tillganglighet(sida, "personal-narvaro")
    sida.get_by_role("button", name="Spara närvaron").click()
    expect(sida.get_by_role("status")).to_contain_text("Närvaron är sparad")
    assert Narvaro.objects.count() == 1


def test_anonymous_advice_talk_on_one_page_until_the_cap(sida, familjecentralen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    valj(sida, "Föräldrarådgivning")
    sida.get_by_label("Ålder (år):", exact=True).fill("41")
    sida.get_by_label("Barnets ålder (år)").fill("9")
    sida.get_by_label("Man", exact=True).check()
    sida.get_by_label("Telefon").check()
    svara(sida, 1)
    svara(sida, 2)
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Börjar delta").check()
    sida.get_by_label("Samtalet hölls nu: längd i minuter").fill("45")
    sida.get_by_role("button", name="Spara kontakten").click()
    sida.get_by_role("link", name="Till deltagandet").click()
    for nr in range(4):
        sida.get_by_label("Längd (minuter)").fill("30")
        sida.get_by_role("button", name="Spara samtalet").click()
        if nr:  # four talks alike on one day: the register asks before saving another
            sida.get_by_role("button", name="Ja, spara en till").click()
    expect(sida.get_by_text("har nått taket på 5 tillfällen")).to_be_visible()
    kontrollera_tillganglighet(sida, "personal-tak")
    sida.get_by_role("button", name="Registrera: hänvisad att ansöka").click()
    expect(sida.get_by_text("Hänvisad att ansöka")).to_be_visible()
    assert Deltagande.objects.get().tillfallen.count() == 5
    # The year so far shows the talk and the referral at once.
    sida.get_by_role("link", name="Deltaganden").first.click()
    sida.get_by_role("link", name="Hittills i år").click()
    for tabell, antal in [
        # Kontakter, Började delta, Deltagare, Väntelista nu, Hänvisade, Nya koder.
        ("Kontakter och deltagare", ["1", "1", "1", "0", "1", "0"]),
        # Samtal, Gruppträffar, Öppningar, Besök, Över taket.
        ("Samtal, träffar och besök", ["5", "0", "0", "0", "0"]),
        # Avslutade, Avbrutna, Problem, Orosanmälningar.
        ("Avslut och orosanmälningar", ["0", "0", "0", "0"]),
    ]:
        rad = sida.get_by_role("table", name=tabell).get_by_role("row", name="Föräldrarådgivning")
        expect(rad.get_by_role("cell")).to_have_text(antal)
    kontrollera_tillganglighet(sida, "personal-hittills")


def test_identified_participation_with_journal(sida, demokatalog, logga_in):
    logga_in(Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Vuxenenheten"))
    valj(sida, "Stöd till personer med neuropsykiatrisk diagnos")
    expect(sida.get_by_text("dokumenteras fullt ut (14 kap. 3 §)")).to_be_visible()
    sida.get_by_label("Ålder (år):", exact=True).fill("44")
    sida.get_by_label("Kvinna").check()
    for nr in (1, 2, 3):
        svara(sida, nr)
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Börjar delta").check()
    sida.get_by_label("Personnummer eller samordningsnummer").fill("811218-9875")
    sida.get_by_label("Förnamn").fill("Anna")
    sida.get_by_label("Efternamn").fill("Svensson")
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("alert")).to_contain_text("inte giltigt")
    sida.get_by_label("Personnummer eller samordningsnummer").fill("811218-9876")
    sida.get_by_role("button", name="Spara kontakten").click()
    sida.get_by_role("link", name="Till deltagandet").click()
    expect(sida.get_by_text("19811218-9876")).to_be_visible()
    sida.get_by_label("Ny anteckning").fill("Första träffen. Vi gick igenom veckoschemat.")
    sida.get_by_role("button", name="Signera anteckningen").click()
    expect(sida.get_by_text("signerad av")).to_be_visible()
    kontrollera_tillganglighet(sida, "personal-journal")


def test_young_person_from_15_without_guardians(sida, demokatalog, logga_in):
    logga_in(Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Beroendemottagningen"))
    valj(sida, "Ungdomsmottagning för unga med skadligt bruk")
    expect(
        sida.get_by_text("utan vårdnadshavares samtycke och utan att de informeras")
    ).to_be_visible()
    sida.get_by_label("Ålder (år):", exact=True).fill("16")
    sida.get_by_label("Annat", exact=True).check()
    for nr in (1, 2, 3):
        svara(sida, nr)
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Börjar delta").check()
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("alert")).to_contain_text("Den unga måste själv vilja")
    sida.get_by_label("Den unga (15–17 år) vill själv ta del av insatsen").check()
    sida.get_by_role("button", name="Spara kontakten").click()
    sida.get_by_role("link", name="Till deltagandet").click()
    expect(sida.get_by_text("dokumenteras i Socialtjänstens journalsystem")).to_be_visible()
    d = Deltagande.objects.get()
    assert d.person is None and d.utan_vardnadshavare_21_2 and d.kontakt.samtycke == ""

    # Ending early: free text that would identify someone is refused.
    sida.get_by_role("link", name="Avsluta deltagandet").click()
    sida.get_by_label("Avbrutet i förtid").check()
    sida.get_by_label("Orsak till avbrott").select_option("flyttade")
    sida.get_by_label("Avbrott, kort beskrivning").fill("Ny adress Björkvägen 3")
    sida.get_by_role("button", name="Avsluta deltagandet").click()
    expect(sida.get_by_role("alert")).to_contain_text("verkar innehålla en adress")
    kontrollera_tillganglighet(sida, "personal-avsluta-fel")
    sida.get_by_label("Avbrott, kort beskrivning").fill("Flyttade till annan kommun")
    sida.get_by_role("button", name="Avsluta deltagandet").click()
    expect(sida.get_by_text("Deltagandet är avslutat")).to_be_visible()


def test_open_meeting_place_headcount_with_plus_buttons(sida, familjecentralen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    sida.get_by_role("link", name="Räkna besökare i öppen verksamhet").click()
    sida.get_by_role("link", name="Öppen förskola på familjecentralen").click()
    plus = sida.get_by_role("button", name="En till: Kvinna, 25–44 år")
    for _ in range(3):
        plus.click()
    sida.get_by_role("button", name="En till: Man, 0–12 år").click()
    kontrollera_tillganglighet(sida, "personal-oppning")
    sida.get_by_role("button", name="Spara öppningen").click()
    expect(sida.get_by_role("status")).to_contain_text("med 4 besök")
    assert sorted(Besoksantal.objects.values_list("kon", "aldersgrupp", "antal")) == [
        ("kvinna", "25-44", 3),
        ("man", "0-12", 1),
    ]


def test_staff_at_another_utforare_gets_not_found(sida, familjecentralen, logga_in):
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    valj(sida, "Föräldrarådgivning")
    sida.get_by_label("Ålder (år):", exact=True).fill("41")
    sida.get_by_label("Barnets ålder (år)").fill("9")
    sida.get_by_label("Man", exact=True).check()
    svara(sida, 1)
    svara(sida, 2)
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Avböjde").check()
    sida.get_by_role("button", name="Spara kontakten").click()
    expect(sida.get_by_role("heading", name="Kontakten är sparad")).to_be_visible()
    url = sida.url
    sida.get_by_role("button", name="Logga ut").click()
    logga_in(
        Roll.UTFORARPERSONAL, Utforare.objects.get(namn="Beroendemottagningen"), username="annan"
    )
    svar = sida.goto(url)
    assert svar.status == 404
