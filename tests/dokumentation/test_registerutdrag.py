"""Registerutdrag (GDPR art. 15): the enhetschef gets everything about a person in their
utförare's 14:3 insatser and who read it; nobody else gets anything; the extract is logged."""

import pytest
from django.urls import reverse

from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from organisation.models import Roll, Sakerhetshandelse
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

PNR = "198112189876"


@pytest.fixture
def person(client, personal, full_dokumentation):
    d = registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter(PNR, "Anna", "Svensson", False),
    ).deltagande
    skriv_journalanteckning(deltagande=d, text="Första samtalet.", anvandare=personal)
    client.force_login(personal)
    client.get(reverse("dokumentation:deltagande", args=[d.pk]))  # one read, logged
    return d


def test_the_enhetschef_gets_everything_and_who_read_it(client, enhetschef, person, personal):
    client.force_login(enhetschef)
    url = reverse("dokumentation:registerutdrag")
    assert client.get(url).status_code == 200
    svar = client.post(url, {"personnummer": "19811218-9876"})
    assert svar.status_code == 200
    text = svar.text
    assert "Anna Svensson" in text and "Boendecoachning" in text
    assert "Första samtalet." in text
    assert personal.get_full_name() in text and "Läste" in text
    utdrag = Atkomstlogg.objects.filter(handling="skriva_ut", anvandare=enhetschef)
    assert utdrag.count() == 1 and utdrag.get().vad == "Registerutdrag"
    handelse = Sakerhetshandelse.objects.get(typ="registerutdrag")
    assert handelse.utford_av == enhetschef and PNR not in handelse.beskrivning


def test_a_bad_number_gets_a_swedish_message(client, enhetschef, person):
    client.force_login(enhetschef)
    svar = client.post(reverse("dokumentation:registerutdrag"), {"personnummer": "19811218-9875"})
    assert "Personnumret eller samordningsnumret är inte giltigt" in svar.text
    assert not Sakerhetshandelse.objects.exists()


def test_the_number_is_never_read_from_the_address(client, enhetschef, person):
    client.force_login(enhetschef)
    svar = client.get(reverse("dokumentation:registerutdrag") + f"?personnummer={PNR}")
    assert "Anna Svensson" not in svar.text


def test_another_utforare_finds_nothing(client, annan_utforare, person):
    client.force_login(AnvandareFactory.med_roll(Roll.ENHETSCHEF, annan_utforare))
    svar = client.post(reverse("dokumentation:registerutdrag"), {"personnummer": PNR})
    assert "Anna Svensson" not in svar.text and "Det finns ingen person" in svar.text


@pytest.mark.parametrize(
    "roll", ["personal", "verksamhetschef", "sekreterare", "systemadministrator"]
)
def test_other_roles_get_404(client, alla_roller, person, roll):
    client.force_login(alla_roller[roll])
    url = reverse("dokumentation:registerutdrag")
    assert client.get(url).status_code == 404
    assert client.post(url, {"personnummer": PNR}).status_code == 404
