"""A deltagarkod replaced by a new one (the card was lost) ends as "ersatt" from the quiet
participations' page: not a dropout, and in no count of ended participations; only a code
of individual talks can be replaced, which the database guards too."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumentation import statistik
from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.vilande import avsluta_vilande
from dokumentation.tillfallen.intag import RaderBrott
from tests.dokumentation.test_vilande import dagar_sedan, fall, samtal  # noqa: F401

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


def _ar(ar):
    return statistik.Urval(datetime.date(ar, 1, 1), datetime.date(ar, 12, 31))


def test_a_replaced_code_is_neither_ended_nor_stopped_early(fall, utforare, personal):
    avslut = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk],
        anvandare=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
        ersatta=True,
    )
    assert "koden ersattes av en ny" in avslut.kvitto()
    tyst = Deltagande.objects.get(pk=fall["tyst"].pk)
    assert tyst.status == Deltagande.Status.ERSATT and tyst.avbrottsorsak == ""
    assert tyst.slutdatum == dagar_sedan(150) and tyst.ar_avslutad
    insats = tyst.insats_id
    for ar in {dagar_sedan(150).year, dagar_sedan(190).year}:
        urval = _ar(ar)
        raknat = statistik.avslut(urval).antal.get(insats, {})
        assert raknat.get("avbrutna", 0) == 0
        assert raknat.get("orsak_kontakt_upphorde", 0) == 0
    # The one ended as planned in the fixture is still counted.
    urval = _ar(dagar_sedan(190).year)
    assert statistik.avslut(urval).antal[insats]["avslutade"] == 1


def test_an_identified_participation_cannot_be_replaced(fall, utforare, personal):
    with pytest.raises(RaderBrott) as fel:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[fall["identifierad"].pk, fall["tyst"].pk],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
            ersatta=True,
        )
    assert [o.kod for o in fel.value.per_rad[fall["identifierad"].pk]] == ["ersatt_bara_kod"]
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == "pagaende"  # nothing saved


def test_the_database_refuses_a_replaced_person(fall):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Deltagande.objects.filter(pk=fall["identifierad"].pk).update(
            status="ersatt", slutdatum=IDAG
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Deltagande.objects.filter(pk=fall["tyst"].pk).update(status="ersatt")  # no day


def test_the_page_ends_the_ticked_as_replaced(client, fall, personal):
    url = reverse("dokumentation:vilande")
    client.force_login(personal)
    sidan = client.get(url)
    assert "Koden har ersatts av en ny" in sidan.text
    data = {
        "nyckel": str(sidan.context["sida"].initial["nyckel"]),
        "avsluta": [str(fall["tyst"].pk)],
        "ersatt": "1",
    }
    # Unconfirmed (the boxes start ticked): a message at the confirmation, nothing saved.
    svar = client.post(url, data)
    assert svar.status_code == 200
    assert "har fått en ny deltagarkod" in svar.context["bekraftelsefel"][0]
    assert 'id="ny_kod_finns_fel"' in svar.text
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == "pagaende"
    data["ny_kod_finns"] = "1"
    svar = client.post(url, data, follow=True)
    assert "1 deltagande är avslutat: koden ersattes av en ny." in svar.text
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == "ersatt"
    assert "Redan sparad" in client.post(url, data, follow=True).text


def test_an_ended_participation_speaks_of_no_cap(client, fall, personal):
    """The caps (11 kap. 5 §) are about one more session: a participation ended as replaced,
    past the insats's longest time, no longer says it has reached it."""
    d = fall["tyst"]
    Deltagande.objects.filter(pk=d.pk).update(max_varaktighet_manader=3)  # its own caps
    url = reverse("dokumentation:deltagande", args=[d.pk])
    client.force_login(personal)
    assert "den längsta tid" in client.get(url).text  # 200 days in, ongoing
    avsluta_vilande(
        utforare_ids=[d.utforare_id],
        deltagande_ids=[d.pk],
        anvandare=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
        ersatta=True,
    )
    assert "den längsta tid" not in client.get(url).text
