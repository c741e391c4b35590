"""Contradictions refused with a message next to the field (issue 17, item 5): a date more than
a year back needs a reason, the questions about children only where someone under 18 can take
part, and nothing typed is dropped when the outcome changes."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Kontakt
from dokumentation.regler import (
    datum_langt_tillbaka,
    ett_ar_tillbaka,
    inget_tappas_vid_utfallet,
    sol_21_kap_2_fragor,
)
from dokumentation.tillfallen.models import Tillfalle
from insatser.models import Villkor
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera
from tests.dokumentation.test_views import IDAG, kontaktdata
from tests.factories import VillkorFactory

DAG = datetime.date(2026, 3, 1)


def koder(brott):
    return [b.kod for b in brott]


class TestRegler:
    def test_a_date_more_than_a_year_back_needs_a_reason(self):
        ar_sedan = ett_ar_tillbaka(DAG)
        assert datum_langt_tillbaka(ar_sedan, idag=DAG, orsak="") == []
        fel = datum_langt_tillbaka(ar_sedan - datetime.timedelta(days=1), idag=DAG, orsak="")
        assert koder(fel) == ["efterregistrering_utan_orsak"]
        assert fel[0].falt == "efterregistrering"
        assert datum_langt_tillbaka(datetime.date(1999, 1, 1), idag=DAG, orsak="annat") == []

    def test_a_year_back_from_a_leap_day(self):
        assert ett_ar_tillbaka(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)

    @pytest.mark.parametrize(
        ("villkor", "unga_utan", "fragor"),
        [
            ([], False, (True, True)),  # open to all: a child may come
            ([VillkorFactory.alder(18)], False, (False, False)),  # only adults: no question
            ([VillkorFactory.alder(21)], True, (False, False)),
            ([VillkorFactory.alder(13, 20)], True, (True, True)),  # under 15 needs consent
            ([VillkorFactory.alder(15, 20)], True, (False, True)),  # the nämnd's exemption
            ([VillkorFactory.alder(15, 20)], False, (True, True)),
            ([VillkorFactory.alder(0, 14)], False, (True, False)),
            # An age villkor of the child says nothing of the (adult) participant's age.
            ([VillkorFactory.alder(3, 12, avser="barnet")], False, (True, True)),
        ],
    )
    def test_the_questions_about_children_follow_the_ages_that_can_take_part(
        self, villkor, unga_utan, fragor
    ):
        assert sol_21_kap_2_fragor(villkor, unga_utan_samtycke=unga_utan) == fragor

    def test_nothing_typed_is_dropped_when_the_outcome_changes(self):
        fel = inget_tappas_vid_utfallet(
            utfall="hanvisad_ansoka", ifyllda=["samtal_minuter", "personnummer", "kon"]
        )
        assert koder(fel) == ["sparas_inte_vid_utfallet"] * 2
        assert [f.falt for f in fel] == ["samtal_minuter", "personnummer"]
        assert koder(inget_tappas_vid_utfallet(utfall="vantelista", ifyllda=["omgang"])) == []
        assert koder(
            inget_tappas_vid_utfallet(utfall="vantelista", ifyllda=["samtal_minuter"])
        ) == ["sparas_inte_vid_utfallet"]
        assert inget_tappas_vid_utfallet(utfall="deltar", ifyllda=["samtal_minuter"]) == []


@pytest.mark.django_db
class TestKontakt:
    def url(self, insats):
        return reverse("dokumentation:kontakt_ny", args=[insats.pk])

    def test_the_first_talk_is_not_dropped_when_the_person_is_referred(
        self, client, personal, radgivning
    ):
        client.force_login(personal)
        data = kontaktdata(
            villkor_1=None,
            villkor_2=None,
            barnets_alder=None,
            samtal_minuter="40",
            utfall="avbojde",
            maende_start="3",
        )
        svar = client.post(self.url(radgivning), data)
        assert svar.status_code == 200
        assert "Sparas bara för den som börjar delta" in svar.text
        assert 'href="#id_samtal_minuter"' in svar.text and 'href="#id_maende_start"' in svar.text
        assert not Kontakt.objects.exists()
        # Cleared: saved, with nothing left out.
        data.update(samtal_minuter="", maende_start="")
        assert client.post(self.url(radgivning), data).status_code == 302
        assert Kontakt.objects.get().utfall == "avbojde"

    def test_the_service_refuses_what_it_would_drop(self, personal, radgivning):
        with pytest.raises(RegelBrott) as fel:
            registrera(personal, radgivning, utfall="avbojde", minuter=40)
        assert koder(fel.value.overtradelser) == ["sparas_inte_vid_utfallet"]
        assert not Tillfalle.objects.exists() and not Kontakt.objects.exists()

    def test_no_consent_question_for_an_insats_for_adults(
        self, client, personal, full_dokumentation, ungdom, radgivning
    ):
        client.force_login(personal)
        vuxna = client.get(self.url(full_dokumentation)).text
        assert "Vilka vårdnadshavare har samtyckt?" not in vuxna
        assert "Den unga (15–17 år)" not in vuxna
        unga = client.get(self.url(ungdom)).text
        assert "Vilka vårdnadshavare har samtyckt?" in unga and "Den unga (15–17 år)" in unga
        alla = client.get(self.url(radgivning)).text
        assert "Vilka vårdnadshavare har samtyckt?" in alla

    def test_a_participant_from_15_on_an_exempt_insats_is_not_asked_for_consent(
        self, client, personal, katalog, utforare
    ):
        from tests.factories import InsatsFactory

        insats = InsatsFactory(
            katalog=katalog, utforare=utforare, beslutad=True, utan_samtycke_fran_15=True
        )
        VillkorFactory(insats=insats, typ=Villkor.Typ.ALDER, min_alder=15, max_alder=25)
        client.force_login(personal)
        sida = client.get(self.url(insats)).text
        assert "Vilka vårdnadshavare har samtyckt?" not in sida
        assert "Den unga (15–17 år)" in sida

    def test_a_contact_more_than_a_year_back_asks_why(self, client, personal, radgivning):
        client.force_login(personal)
        gammal = ett_ar_tillbaka(IDAG) - datetime.timedelta(days=3)
        data = kontaktdata(
            villkor_1=None, villkor_2=None, barnets_alder=None, datum=gammal.isoformat()
        )
        forsta = client.get(self.url(radgivning)).text
        assert "Varför registreras det" not in forsta  # the field appears only when needed
        svar = client.post(self.url(radgivning), data)
        assert svar.status_code == 200
        assert "ligger mer än ett år tillbaka" in svar.text
        assert 'name="efterregistrering"' in svar.text
        assert not Kontakt.objects.exists()
        data["efterregistrering"] = "anteckningar"
        assert client.post(self.url(radgivning), data).status_code == 302
        kontakt = Kontakt.objects.get()
        assert kontakt.efterregistrering == "anteckningar" and kontakt.datum == gammal

    def test_a_recent_contact_stores_no_reason(self, client, personal, radgivning):
        client.force_login(personal)
        data = kontaktdata(villkor_1=None, villkor_2=None, barnets_alder=None)
        assert client.post(self.url(radgivning), data).status_code == 302
        assert Kontakt.objects.get().efterregistrering == ""


@pytest.mark.django_db
def test_a_talk_more_than_a_year_back_asks_why(client, personal, radgivning):
    gammal = ett_ar_tillbaka(IDAG) - datetime.timedelta(days=10)
    d = registrera(personal, radgivning, datum=gammal, efterregistrering="overforing").deltagande
    assert d.kontakt.efterregistrering == "overforing"
    client.force_login(personal)
    url = reverse("dokumentation:samtal_ny", args=[d.pk])
    data = {"nyckel": str(uuid.uuid4()), "datum": gammal, "kanal": "telefon"}
    svar = client.post(url, data)
    assert svar.status_code == 200 and "ligger mer än ett år tillbaka" in svar.text
    assert not Tillfalle.objects.filter(deltagande=d).exists()
    data["efterregistrering"] = "overforing"
    assert client.post(url, data).status_code == 302
    assert Tillfalle.objects.get(deltagande=d).efterregistrering == "overforing"
    assert Deltagande.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_reason_that_is_no_code(personal, radgivning):
    from django.db import IntegrityError, transaction

    kontakt = registrera(personal, radgivning)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kontakt.objects.filter(pk=kontakt.pk).update(efterregistrering="Anna 07012")
