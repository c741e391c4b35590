"""The registration's requests do a fixed, small number of queries (bench/profil.py takes them
apart; bench/RESULTS.md). A change that adds one to the path staff use all day shows here."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dokumentation.conftest import registrera
from tests.dokumentation.test_views import IDAG

pytestmark = pytest.mark.django_db


def fragor(client, metod, url, data):
    """The queries of the second of two such requests: the catalogue is read once a day."""
    getattr(client, metod)(url, {**data, "nyckel": uuid.uuid4()})
    with CaptureQueriesContext(connection) as fangat:
        svar = getattr(client, metod)(url, data)
    fragorna = [q["sql"] for q in fangat.captured_queries]
    return svar, [f for f in fragorna if f not in ("BEGIN", "COMMIT") and "SAVEPOINT" not in f]


def test_a_talk_is_saved_without_reading_its_contact(client, personal, radgivning):
    d = registrera(personal, radgivning).deltagande
    client.force_login(personal)
    post = {
        "nyckel": uuid.uuid4(),
        "datum": IDAG,
        "langd_minuter": "45",
        "kanal": "pa_plats",
        "spara_en_till": "ja",
    }
    svar, fragorna = fragor(client, "post", reverse("dokumentation:samtal_ny", args=[d.pk]), post)
    assert svar.status_code == 302
    assert not any("dokumentation_kontakt" in f for f in fragorna)
    # The session, the user with her roles, her second factor (django-otp), the participation
    # with the catalogue's version, the participation locked, its talks and attendances
    # counted once for the cap (at most 5), the talk, the session saved.
    assert len(fragorna) == 9, "\n".join(fragorna)
