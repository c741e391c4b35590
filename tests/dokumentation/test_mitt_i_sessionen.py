"""A change to an account takes effect at the next request of a session already signed in:
nothing of the roles or the utförare is kept in the session."""

import pytest
from django.urls import reverse

from dokumentation.kontakter.services import Personuppgifter
from organisation.models import Anvandare, Behorighet, Roll
from tests.conftest import VerifieradKlient
from tests.dokumentation.conftest import identifierad_omgang, registrera

pytestmark = pytest.mark.django_db


@pytest.fixture
def deltagande(katalog, utforare, personal):
    o = identifierad_omgang(katalog, utforare)
    kontakt = registrera(
        personal,
        o.insats,
        person=Personuppgifter("198503121231", "Annika", "Ek", False),
        omgang=o,
    )
    return kontakt.deltagande


def test_moved_to_another_utforare_the_old_records_are_gone_at_once(
    deltagande, personal, annan_utforare, caplog
):
    klient = VerifieradKlient()
    klient.force_login(personal)
    url = deltagande.get_absolute_url()
    assert klient.get(url).status_code == 200
    Behorighet.objects.filter(anvandare=personal).update(utforare=annan_utforare)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        assert klient.get(url).status_code == 404
    assert "utanför användarens utförare" in caplog.text
    assert "Annika" not in klient.get(reverse("start")).text


def test_a_role_taken_while_signed_in_is_gone_at_the_next_request(enhetschef):
    klient = VerifieradKlient()
    klient.force_login(enhetschef)
    assert klient.get(reverse("dokumentation:logg")).status_code == 200
    Behorighet.objects.filter(anvandare=enhetschef, roll=Roll.ENHETSCHEF).update(
        roll=Roll.UTFORARPERSONAL
    )
    assert klient.get(reverse("dokumentation:logg")).status_code == 404


def test_switched_off_the_live_session_is_nobody_at_once(deltagande, personal):
    klient = VerifieradKlient()
    klient.force_login(personal)
    Anvandare.objects.filter(pk=personal.pk).update(is_active=False)
    svar = klient.get(deltagande.get_absolute_url())
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
