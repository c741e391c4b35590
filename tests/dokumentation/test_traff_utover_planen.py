"""A round planned for N meetings: the (N+1)th is registered when the user confirms it, the
page having said what was planned; the insats's cap (11 kap. 5 §) still refuses beyond it."""

import datetime
import uuid

import pytest
from django.urls import reverse

from dokumentation.tillfallen.models import Omgang
from tests.dokumentation.conftest import traff_i_dag

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def tva_planerade(grupp, personal):
    """ABC (the insats's cap: 4 sessions), a round planned for 2, both held."""
    o = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Kort",
        startdatum=IDAG,
        antal_traffar=2,
        max_deltagare=8,
    )
    traff_i_dag(o, personal)
    traff_i_dag(o, personal)
    return o


def traff(**andringar):
    return {"nyckel": str(uuid.uuid4()), "datum": IDAG.isoformat(), **andringar}


def test_the_third_of_two_planned_is_asked_about_then_registered(client, personal, tva_planerade):
    o = tva_planerade
    client.force_login(personal)
    assert "2 av 2 planerade träffar" in client.get(o.get_absolute_url()).text
    data = traff()
    svar = client.post(o.get_absolute_url(), data)
    assert svar.status_code == 200
    assert "Omgången planerades för 2 träffar" in svar.text
    assert "Ja, registrera träff 3" in svar.text
    assert o.traffar.count() == 2
    svar = client.post(o.get_absolute_url(), {**data, "utover_planen": "ja"})
    assert svar.status_code == 302
    assert o.traffar.count() == 3
    # The same confirmed form sent again: "Redan sparad", not asked again, nothing more.
    svar = client.post(o.get_absolute_url(), data, follow=True)
    assert "Redan sparad" in svar.text
    assert o.traffar.count() == 3


def test_within_the_plan_nothing_is_asked(client, personal, grupp):
    o = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Lång",
        startdatum=IDAG,
        antal_traffar=4,
        max_deltagare=8,
    )
    client.force_login(personal)
    svar = client.post(o.get_absolute_url(), traff())
    assert svar.status_code == 302
    assert "1 av 4 planerade träffar" in client.get(o.get_absolute_url()).text


def test_the_insats_cap_refuses_even_when_confirmed(client, personal, tva_planerade):
    o = tva_planerade
    traff_i_dag(o, personal)
    traff_i_dag(o, personal)  # 4: the insats's cap
    client.force_login(personal)
    svar = client.post(o.get_absolute_url(), traff(utover_planen="ja"))
    assert svar.status_code == 200
    assert "högst 4 tillfällen" in svar.text
    assert o.traffar.count() == 4
    assert reverse("dokumentation:omgang", args=[o.pk]) == o.get_absolute_url()
