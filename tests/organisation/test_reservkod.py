"""A recovery code used to sign in is a sign the phone is gone, or the codes are: it is
logged as a security event for the officer, and the user is told how many are left."""

import pytest
from django.urls import reverse

from organisation.enheter import Reservkoder
from tests.conftest import app_for
from tests.organisation.test_sakerhet import logga_in

pytestmark = pytest.mark.django_db


def test_a_recovery_code_used_is_logged_and_the_user_told(overifierad_klient, personal, caplog):
    app_for(personal)
    koder = Reservkoder.objects.create(user=personal, name="Reserv").skapa_koder()
    logga_in(overifierad_klient, "personal")
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        svar = overifierad_klient.post(reverse("tvasteg"), {"kod": koder[0]}, follow=True)
    assert svar.status_code == 200
    assert "Reservkod använd vid inloggning av personal: 9 kvar" in caplog.text
    assert koder[0] not in caplog.text
    assert "Du loggade in med en reservkod. 9 reservkoder återstår." in svar.text
