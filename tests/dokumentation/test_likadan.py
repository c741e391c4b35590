"""Back + Save (issue 17, item 2): the browser fetches a fresh form with a new one-time key, so
an identical record by the same user within a few minutes asks "spara en till?" instead of
silently saving a second one; confirming saves it, since two identical walk-ins are real."""

from __future__ import annotations

import time
import uuid

import pytest

from dokumentation.sidor import LIKADAN
from tests.dokumentation.test_upprepning import journal, kontakt, omgang, oppning, samtal, traff

pytestmark = pytest.mark.django_db

FORMULAR = [
    pytest.param(f, id=f.__name__) for f in (kontakt, samtal, journal, omgang, traff, oppning)
]


def _bygg(skapa, personal, radgivning, full_dokumentation, grupp, oppen):
    return skapa(
        personal=personal,
        radgivning=radgivning,
        full_dokumentation=full_dokumentation,
        grupp=grupp,
        oppen=oppen,
    )


@pytest.mark.parametrize("skapa", FORMULAR)
def test_back_and_save_asks_before_a_second_identical_record(
    client, personal, radgivning, full_dokumentation, grupp, oppen, skapa
):
    url, data, antal = _bygg(skapa, personal, radgivning, full_dokumentation, grupp, oppen)
    client.force_login(personal)
    fore = antal()
    assert client.post(url, data).status_code == 302
    # Back + Save: the same values in a fresh form, with a new key.
    igen = {**data, "nyckel": str(uuid.uuid4())}
    fraga = client.post(url, igen)
    assert fraga.status_code == 200
    assert "Du sparade just en likadan – spara en till?" in fraga.text
    assert 'name="spara_en_till"' in fraga.text
    assert antal() == fore + 1
    # The form asked keeps its key: confirming saves one more, once.
    bekraftat = {**igen, "spara_en_till": "ja"}
    assert client.post(url, bekraftat).status_code == 302
    assert antal() == fore + 2
    assert client.post(url, bekraftat).status_code == 302
    assert antal() == fore + 2


def test_a_different_record_is_not_asked_about(client, personal, radgivning):
    url, data, antal = kontakt(personal, radgivning)
    client.force_login(personal)
    client.post(url, data)
    annan = {**data, "nyckel": str(uuid.uuid4()), "alder": "35"}
    assert client.post(url, annan).status_code == 302
    assert antal() == 2


def test_the_same_form_sent_again_is_already_saved_not_asked(client, personal, radgivning):
    url, data, antal = kontakt(personal, radgivning)
    client.force_login(personal)
    client.post(url, data)
    svar = client.post(url, data, follow=True)
    assert "Redan sparad" in svar.text
    assert "spara en till" not in svar.text
    assert antal() == 1


def test_only_a_few_minutes_back_and_only_the_same_user(
    client, personal, enhetschef, radgivning, settings
):
    url, data, antal = kontakt(personal, radgivning)
    client.force_login(personal)
    client.post(url, data)
    session = client.session
    for sparad in session[LIKADAN]:
        sparad["tid"] = time.time() - settings.LIKADAN_MINUTER * 60 - 1
    session.save()
    assert client.post(url, {**data, "nyckel": str(uuid.uuid4())}).status_code == 302
    assert antal() == 2
    # A colleague registering the same kind of walk-in is not asked.
    client.force_login(enhetschef)
    assert client.post(url, {**data, "nyckel": str(uuid.uuid4())}).status_code == 302
    assert antal() == 3


def test_the_session_keeps_no_values(client, personal, full_dokumentation):
    url, data, _ = journal(personal, full_dokumentation)
    client.force_login(personal)
    client.post(url, data)
    sparat = repr(client.session[LIKADAN])
    assert "planen" not in sparat and "Anna" not in sparat
