"""Quiet participations (deltagande.vilande): ongoing with no session – a talk or presence at a
group meeting – for VILANDE_EFTER_MANADER months, or since their start; ended together as
stopped early, "Kontakten upphörde", on the day they were last there, all or none, once
however often the page is sent; each identified participant logged; another utförare's
participation is not found."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.deltagande.vilande import avsluta_vilande, grans, vilande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Narvaro, Omgang
from dokumentation.tillfallen.services import registrera_traff
from insatser.services import RegelBrott
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


def dagar_sedan(n: int) -> datetime.date:
    return IDAG - datetime.timedelta(days=n)


def samtal(personal, d, datum):
    return registrera_samtal(
        deltagande=d,
        datum=datum,
        langd_minuter=45,
        kanal="pa_plats",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


@pytest.fixture
def fall(personal, radgivning, full_dokumentation):
    """Participations of the utförare: quiet and not, with and without talks."""
    tyst = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    samtal(personal, tyst, dagar_sedan(150))
    aldrig = registrera(personal, radgivning, datum=dagar_sedan(120)).deltagande
    nylig = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    samtal(personal, nylig, dagar_sedan(10))
    ny = registrera(personal, radgivning, datum=dagar_sedan(10)).deltagande
    avslutad = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    avsluta_deltagande(deltagande=avslutad, slutdatum=dagar_sedan(190), avbrott=False, idag=IDAG)
    vantar = registrera(personal, radgivning, datum=dagar_sedan(200), utfall="vantelista")
    person = Personuppgifter("198503121231", "Annika", "Ek", False)
    identifierad = registrera(
        personal, full_dokumentation, datum=dagar_sedan(300), person=person, svar=["uppfyllt"]
    ).deltagande
    return {
        "tyst": tyst,
        "aldrig": aldrig,
        "nylig": nylig,
        "ny": ny,
        "avslutad": avslutad,
        "vantar": vantar.deltagande,
        "identifierad": identifierad,
    }


def test_the_limit_is_the_setting_in_months_back(settings):
    settings.VILANDE_EFTER_MANADER = 3
    assert grans(datetime.date(2026, 5, 31)) == datetime.date(2026, 2, 28)
    assert grans(datetime.date(2026, 2, 15)) == datetime.date(2025, 11, 15)
    settings.VILANDE_EFTER_MANADER = 6
    assert grans(datetime.date(2026, 2, 15)) == datetime.date(2025, 8, 15)


def test_quiet_are_ongoing_without_a_session_since_the_limit(fall, utforare, settings):
    settings.VILANDE_EFTER_MANADER = 3
    rader = {d.pk: d for d in vilande([utforare.pk], idag=IDAG)}
    assert set(rader) == {fall["tyst"].pk, fall["aldrig"].pk, fall["identifierad"].pk}
    assert rader[fall["tyst"].pk].senast == dagar_sedan(150)
    assert rader[fall["tyst"].pk].antal == 1
    # Without any session: the start.
    assert rader[fall["identifierad"].pk].senast == dagar_sedan(300)
    assert rader[fall["identifierad"].pk].antal == 0
    # Longest quiet first.
    assert list(rader)[0] == fall["identifierad"].pk
    # A longer setting leaves out the 120 days' one.
    settings.VILANDE_EFTER_MANADER = 6
    assert fall["aldrig"].pk not in {d.pk for d in vilande([utforare.pk], idag=IDAG)}


def test_presence_at_a_group_meeting_counts_as_a_session(personal, grupp, utforare):
    o = Omgang.objects.create(
        insats=grupp,
        utforare=utforare,
        benamning="Vår",
        startdatum=dagar_sedan(200),
        antal_traffar=4,
        max_deltagare=3,
    )
    svar = {"svar": ["uppfyllt", "uppfyllt"], "barnets_alder": 5, "datum": dagar_sedan(200)}
    kvar = registrera(personal, grupp, omgang=o, **svar).deltagande
    borta = registrera(personal, grupp, omgang=o, **svar).deltagande
    gammal = registrera_traff(
        omgang=o,
        datum=dagar_sedan(180),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    ny = registrera_traff(
        omgang=o,
        datum=dagar_sedan(5),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    Narvaro.objects.create(tillfalle=gammal, deltagande=kvar)
    Narvaro.objects.create(tillfalle=gammal, deltagande=borta)
    Narvaro.objects.create(tillfalle=ny, deltagande=kvar)
    rader = {d.pk: d for d in vilande([utforare.pk], idag=IDAG)}
    assert set(rader) == {borta.pk}
    assert rader[borta.pk].senast == dagar_sedan(180)
    assert rader[borta.pk].antal == 1


def test_another_utforare_is_not_listed(fall, annan_utforare):
    assert not vilande([annan_utforare.pk], idag=IDAG).exists()


def test_the_ticked_end_as_stopped_early_on_the_last_day_they_were_here(fall, utforare, personal):
    avslut = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk, fall["identifierad"].pk],
        anvandare=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    assert len(avslut.avslutade) == 2
    assert avslut.kvitto() == "2 deltaganden är avslutade som avbrutna: kontakten upphörde."
    tyst = Deltagande.objects.get(pk=fall["tyst"].pk)
    assert tyst.status == Deltagande.Status.AVBRUTEN
    assert tyst.avbrottsorsak == "kontakt_upphorde"
    assert tyst.slutdatum == dagar_sedan(150)
    assert Deltagande.objects.get(pk=fall["identifierad"].pk).slutdatum == dagar_sedan(300)
    # The one left unticked is still ongoing, and still quiet.
    assert Deltagande.objects.get(pk=fall["aldrig"].pk).status == Deltagande.Status.PAGAENDE
    assert [d.pk for d in vilande([utforare.pk], idag=IDAG)] == [fall["aldrig"].pk]


@pytest.mark.parametrize("vem", ["nylig", "ny", "avslutad", "vantar"])
def test_one_not_quiet_ends_nobody(fall, utforare, personal, vem):
    with pytest.raises(RaderBrott) as e:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[fall["tyst"].pk, fall[vem].pk],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.per_rad[fall[vem].pk]] == ["inte_vilande"]
    assert fall["tyst"].pk not in e.value.per_rad
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == Deltagande.Status.PAGAENDE


def test_another_utforares_participation_is_refused_even_if_quiet(
    fall, utforare, annan_utforare, personal
):
    with pytest.raises(RaderBrott) as e:
        avsluta_vilande(
            utforare_ids=[annan_utforare.pk],
            deltagande_ids=[fall["tyst"].pk],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.overtradelser] == ["inte_vilande"]
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == Deltagande.Status.PAGAENDE


def test_none_ticked_is_refused(utforare, personal):
    with pytest.raises(RegelBrott) as e:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.overtradelser] == ["ingen_vald"]


def test_the_same_key_sent_again_ends_nobody_more(fall, utforare, personal):
    nyckel = uuid.uuid4()
    forsta = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk, fall["tyst"].pk],
        anvandare=personal,
        nyckel=nyckel,
        idag=IDAG,
    )
    assert len(forsta.avslutade) == 1
    andra = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk],
        anvandare=personal,
        nyckel=nyckel,
        idag=IDAG,
    )
    assert andra.redan_sparad
    assert [d.pk for d in andra.avslutade] == [fall["tyst"].pk]
    # A colleague's copy of the same key is not theirs: refused, nothing more ended.
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    with pytest.raises(RaderBrott):
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[fall["tyst"].pk],
            anvandare=kollega,
            nyckel=nyckel,
            idag=IDAG,
        )


def test_the_database_refuses_an_end_before_the_start(fall):
    """The end date is the last session or the start: never before it, which the database
    guards too."""
    d = fall["aldrig"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Deltagande.objects.filter(pk=d.pk).update(
            status="avbruten", slutdatum=d.startdatum - datetime.timedelta(days=1)
        )


def url():
    return reverse("dokumentation:vilande")
