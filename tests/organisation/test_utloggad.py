""" "Logga ut överallt utom här": the other browser is told, at its next request, that it
was signed out and why, once; nobody else's session is touched."""

import pytest
from django.urls import reverse

from organisation.sessionsskydd import avsluta_alla_sessioner
from tests.conftest import VerifieradKlient


@pytest.mark.django_db
def test_the_other_browser_is_told_why_at_its_next_request(client, sekreterare, personal):
    client.force_login(sekreterare)
    annan = VerifieradKlient()
    annan.force_login(sekreterare)
    kollega = VerifieradKlient()
    kollega.force_login(personal)
    client.post(reverse("inloggningar"))

    svar = annan.get(reverse("start"), follow=True)
    assert svar.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Du har loggats ut." in svar.text
    assert "”Logga ut överallt utom här” i en annan webbläsare" in svar.text
    # Said once: the next page is the plain sign-in page.
    assert "Du har loggats ut." not in annan.get(reverse("login")).text
    assert kollega.get(reverse("start")).status_code == 200
    assert "Du har loggats ut." not in client.get(reverse("start")).text


@pytest.mark.django_db
def test_a_session_ended_by_the_administrator_says_so(personal):
    webblasare = VerifieradKlient()
    webblasare.force_login(personal)
    avsluta_alla_sessioner(personal.pk, skal="En systemadministratör avslutade dem.")
    svar = webblasare.get(reverse("start"), follow=True)
    assert "Du har loggats ut. En systemadministratör avslutade dem." in svar.text
