"""A talk registered without its length reads "längd ej angiven", not "– min"."""

import datetime
import uuid

import pytest

from dokumentation.deltagande.services import registrera_samtal
from tests.dokumentation.conftest import registrera

IDAG = datetime.date.today()


@pytest.mark.django_db
def test_a_talk_without_length(client, personal, radgivning):
    d = registrera(personal, radgivning).deltagande
    for langd in (None, 45):
        registrera_samtal(
            deltagande=d,
            datum=IDAG,
            langd_minuter=langd,
            kanal="telefon",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    client.force_login(personal)
    sida = client.get(d.get_absolute_url()).text
    assert "längd ej angiven" in sida
    assert "45 min" in sida
    assert "– min" not in sida
