"""Presence at a group meeting lies within the participation: someone who joined the round
after a meeting is not on that meeting's list and cannot be ticked there; a start corrected to
after a meeting the person was at, or a meeting's date corrected to before a present
participant's start, is refused; and the database refuses each of them by itself."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.rattelser import services as rattelser
from dokumentation.tillfallen.models import Narvaro, Omgang
from dokumentation.tillfallen.services import andra_narvaro, registrera_traff
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def runda(grupp, personal):
    """A round begun three weeks ago: a meeting two weeks ago, Anna there from the start and
    Bo who joined a week ago."""
    omgang = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Höst",
        startdatum=IDAG - datetime.timedelta(days=21),
        antal_traffar=4,
        max_deltagare=8,
    )

    def deltagare(dagar_sedan):
        dag = IDAG - datetime.timedelta(days=dagar_sedan)
        svar = ["uppfyllt", "uppfyllt"]
        return registrera(
            personal, grupp, omgang=omgang, datum=dag, svar=svar, barnets_alder=5
        ).deltagande

    anna, bo = deltagare(21), deltagare(7)
    traff = registrera_traff(
        omgang=omgang,
        datum=IDAG - datetime.timedelta(days=14),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    return traff, anna, bo


def test_someone_who_joined_later_is_not_on_the_meetings_list(client, personal, runda):
    traff, anna, bo = runda
    client.force_login(personal)
    url = reverse("dokumentation:traff", args=[traff.pk])
    sida = client.get(url).text
    assert f'value="{anna.pk}"' in sida and f'value="{bo.pk}"' not in sida
    assert "1 deltagare började efter träffen och visas inte" in sida
    # A tampered form ticking Bo saves Anna only.
    svar = client.post(url, {"narvarande": [anna.pk, bo.pk]})
    assert svar.status_code == 302
    assert set(traff.narvaro.values_list("deltagande_id", flat=True)) == {anna.pk}


def test_the_service_ticks_only_those_who_had_begun(runda):
    traff, anna, bo = runda
    andra_narvaro(traff=traff, lagg_till=[anna.pk, bo.pk], ta_bort=[])
    assert set(traff.narvaro.values_list("deltagande_id", flat=True)) == {anna.pk}


def test_a_start_corrected_to_after_a_meeting_the_person_was_at_is_refused(personal, runda):
    traff, anna, _ = runda
    andra_narvaro(traff=traff, lagg_till=[anna.pk], ta_bort=[])
    senare = IDAG - datetime.timedelta(days=10)
    with pytest.raises(RegelBrott) as fel:
        rattelser.ratta(
            anna,
            andringar={"startdatum": senare},
            orsak=rattelser.Orsak("fel_uppgift"),
            av=personal,
            sag=0,
        )
    assert "första träffen personen var med på" in fel.value.overtradelser[0].meddelande
    anna.refresh_from_db()
    assert anna.startdatum == IDAG - datetime.timedelta(days=21)


def test_a_meeting_corrected_to_before_a_present_participants_start_is_refused(personal, runda):
    traff, anna, bo = runda
    ny = registrera_traff(
        omgang=traff.omgang,
        datum=IDAG - datetime.timedelta(days=3),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    andra_narvaro(traff=ny, lagg_till=[anna.pk, bo.pk], ta_bort=[])
    with pytest.raises(RegelBrott) as fel:
        rattelser.ratta(
            ny,
            andringar={"datum": IDAG - datetime.timedelta(days=10)},
            orsak=rattelser.Orsak("fel_uppgift"),
            av=personal,
            sag=0,
        )
    assert "starten för en deltagare som var med" in fel.value.overtradelser[0].meddelande
    # Before Bo joined is fine once Bo's presence is taken away.
    andra_narvaro(traff=ny, lagg_till=[], ta_bort=[bo.pk])
    rattelser.ratta(
        ny,
        andringar={"datum": IDAG - datetime.timedelta(days=10)},
        orsak=rattelser.Orsak("fel_uppgift"),
        av=personal,
        sag=0,
    )


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the trigger (migration dokumentation 0030) is PostgreSQL's")


@pytest.mark.usefixtures("postgres")
def test_the_database_refuses_each_of_them_by_itself(runda):
    traff, anna, bo = runda
    with pytest.raises(IntegrityError), transaction.atomic():
        Narvaro.objects.create(tillfalle=traff, deltagande=bo)
    Narvaro.objects.create(tillfalle=traff, deltagande=anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(anna).objects.filter(pk=anna.pk).update(startdatum=IDAG - datetime.timedelta(days=10))
    ny = Narvaro.objects.create(
        tillfalle=registrera_traff(
            omgang=traff.omgang,
            datum=IDAG,
            langd_minuter=60,
            personal=traff.personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        ),
        deltagande=bo,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        type(traff).objects.filter(pk=ny.tillfalle_id).update(datum=traff.datum)


def test_the_rule_has_one_home():
    from dokumentation import regler

    dag = datetime.date(2026, 3, 10)
    assert regler.kan_ha_varit_med(startdatum=dag, traffdag=dag)
    assert not regler.kan_ha_varit_med(startdatum=dag, traffdag=dag - datetime.timedelta(days=1))


def test_someone_on_the_waiting_list_is_not_ticked(runda):
    # Waiting for a later round is not being in this one: the meeting's list does not show
    # them, and the service (the demo's generator too) does not tick them behind its back,
    # so the round's "Närvarande" is what the list says.
    traff, anna, _ = runda
    Deltagande.objects.filter(pk=anna.pk).update(status=Deltagande.Status.VANTAR)
    andra_narvaro(traff=traff, lagg_till=[anna.pk], ta_bort=[])
    assert not traff.narvaro.exists()
