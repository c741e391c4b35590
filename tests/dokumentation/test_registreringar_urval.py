"""Rätta registreringar: the enhetschef finds one staff member's registrations, or one
insats's, or one day's, among all at the utförare; staff filter their own by insats and day
and never reach a colleague's. The page's queries do not grow with the data."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumentation.tillfallen.services import registrera_oppning
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory, InsatsFactory

URL = reverse("dokumentation:registreringar")
IDAG = datetime.date.today()


@pytest.fixture
def kollega(utforare):
    return AnvandareFactory.med_roll(
        Roll.UTFORARPERSONAL, utforare, username="kollega", first_name="Karin", last_name="Ek"
    )


def _ratta(post, pk):
    return reverse("dokumentation:ratta", args=[post, pk])


def test_the_enhetschef_filters_by_who_registered(
    client, enhetschef, personal, kollega, radgivning
):
    egen, kollegans = registrera(personal, radgivning), registrera(kollega, radgivning)
    client.force_login(enhetschef)
    alla = client.get(URL).text
    assert _ratta("kontakt", egen.pk) in alla and _ratta("kontakt", kollegans.pk) in alla
    assert "Karin Ek" in alla  # the list says who registered each, and offers them
    svar = client.get(URL, {"personal": kollega.pk}).text
    assert _ratta("kontakt", kollegans.pk) in svar
    assert _ratta("kontakt", egen.pk) not in svar


def test_the_enhetschef_filters_by_insats_and_day(
    client, enhetschef, personal, utforare, radgivning, oppen
):
    samtal = InsatsFactory(
        katalog=radgivning.katalog, utforare=utforare, beslutad=True, namn="Samtalsstöd"
    )
    radet = registrera(personal, radgivning, minuter=45)
    annan = registrera(personal, samtal)
    igar = registrera(personal, radgivning, datum=IDAG - datetime.timedelta(days=1))
    oppning = registrera_oppning(
        insats=oppen,
        datum=IDAG,
        langd_minuter=120,
        personal=personal,
        antal={("kvinna", "25-44"): 3},
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    client.force_login(enhetschef)
    svar = client.get(URL, {"insats": radgivning.pk}).text
    assert _ratta("kontakt", radet.pk) in svar and _ratta("kontakt", igar.pk) in svar
    assert _ratta("kontakt", annan.pk) not in svar
    assert _ratta("tillfalle", oppning.pk) not in svar
    svar = client.get(URL, {"insats": radgivning.pk, "datum": IDAG.isoformat()}).text
    assert _ratta("kontakt", radet.pk) in svar and _ratta("kontakt", igar.pk) not in svar
    svar = client.get(URL, {"insats": oppen.pk}).text
    assert _ratta("tillfalle", oppning.pk) in svar and "Inga kontakter som stämmer" in svar


def test_staff_filter_their_own_and_never_reach_a_colleagues(client, personal, kollega, radgivning):
    egen, kollegans = registrera(personal, radgivning), registrera(kollega, radgivning)
    client.force_login(personal)
    svar = client.get(URL, {"personal": kollega.pk})
    assert svar.status_code == 200
    assert 'name="personal"' not in svar.text  # no choice of staff: only their own
    assert _ratta("kontakt", egen.pk) in svar.text
    assert _ratta("kontakt", kollegans.pk) not in svar.text


def test_another_utforares_staff_and_insats_are_no_choice(
    client, enhetschef, personal, personal_annan, radgivning, annan_insats
):
    egen = registrera(personal, radgivning)
    registrera(personal_annan, annan_insats)
    client.force_login(enhetschef)
    sida = client.get(URL).text
    assert "personal2" not in sida and annan_insats.namn not in sida
    svar = client.get(URL, {"personal": personal_annan.pk, "insats": annan_insats.pk})
    assert svar.status_code == 200
    assert "Välj någon som har registrerat i listan." in svar.text
    assert "Välj en av utförarens insatser." in svar.text
    assert _ratta("kontakt", egen.pk) in svar.text  # nothing filtered on a refused choice


def test_the_wrong_role_gets_404(client, verksamhetschef):
    client.force_login(verksamhetschef)
    assert client.get(URL, {"personal": "1"}).status_code == 404


def test_queries_do_not_grow_with_staff_or_records(
    client, enhetschef, personal, kollega, radgivning, django_assert_num_queries
):
    registrera(personal, radgivning, minuter=30)
    client.force_login(enhetschef)
    client.get(URL)
    with CaptureQueriesContext(connection) as fragor:
        client.get(URL, {"insats": radgivning.pk})
    antal = len(fragor.captured_queries)
    for n in range(4):
        registrera(kollega, radgivning, minuter=30)
        registrera(
            AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, personal.behorigheter.get().utforare),
            radgivning,
            minuter=45 + n,
        )
    with django_assert_num_queries(antal):
        client.get(URL, {"insats": radgivning.pk})
