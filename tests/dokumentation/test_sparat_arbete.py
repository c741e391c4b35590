"""A timeout never loses typed work (issue 17, item 3): a form posted after the sign-in ended is
kept encrypted for a quarter of an hour and comes back filled in, to the same user only, once
they have signed in again with their second factor."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dokumentation.kontakter.models import Kontakt
from organisation.models import SparatArbete
from organisation.sessionsskydd import INLOGGAD
from organisation.sparat_arbete import kaka_sparat, kaka_vem
from tests.conftest import app_for
from tests.dokumentation.test_upprepning import journal, kontakt, omgang, oppning, samtal, traff
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.django_db

FORMULAR = [
    pytest.param(f, id=f.__name__) for f in (kontakt, samtal, journal, omgang, traff, oppning)
]


def _utloggad(klient):
    """The idle timeout: the session is gone on the server, the browser still has its cookies."""
    Session.objects.all().delete()


def _fyll(klient, personal, skapa, **fixturer):
    url, data, antal = skapa(personal=personal, **fixturer)
    klient.force_login(personal)
    assert klient.get(reverse("start")).status_code == 200  # the browser learns who is in
    _utloggad(klient)
    return url, data, antal


@pytest.mark.parametrize("skapa", FORMULAR)
def test_a_form_posted_after_the_timeout_comes_back_after_signing_in(
    client, personal, radgivning, full_dokumentation, grupp, oppen, skapa
):
    url, data, antal = _fyll(
        client,
        personal,
        skapa,
        radgivning=radgivning,
        full_dokumentation=full_dokumentation,
        grupp=grupp,
        oppen=oppen,
    )
    fore = antal()
    svar = client.post(url, data)
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    assert antal() == fore
    sparat = SparatArbete.objects.get()
    assert sparat.anvandare == personal
    # Encrypted: nothing typed can be read in the database.
    for varde in data.values():
        if len(str(varde)) > 3:
            assert str(varde).encode() not in bytes(sparat.krypterat)
    sida = client.get(svar["Location"], follow=True)
    assert "sparat i 15 minuter" in sida.text

    client.force_login(personal)
    nasta = svar["Location"].split("next=")[1].replace("%2F", "/")
    aterstalld = client.get(nasta)
    assert aterstalld.status_code == 200
    assert "ifyllt igen" in aterstalld.text
    assert str(data["nyckel"]) in aterstalld.text  # the same form, so Save stays idempotent
    assert not SparatArbete.objects.exists()
    assert antal() == fore  # shown, not saved behind the user's back
    # Spara: the restored form is posted as it is now filled in.
    assert client.post(url, data).status_code == 302
    assert antal() == fore + 1


def test_the_values_come_back_in_the_fields(client, personal, radgivning):
    url, data, _ = _fyll(client, personal, kontakt, radgivning=radgivning)
    data["alder"] = "57"
    client.post(url, data)
    client.force_login(personal)
    sida = client.get(url)
    assert 'value="57"' in sida.text
    assert sida.cookies[kaka_sparat()].value == ""  # the browser forgets the stash too


def test_another_user_never_sees_it_and_it_is_deleted(client, personal, radgivning, utforare):
    url, data, _ = _fyll(client, personal, kontakt, radgivning=radgivning)
    data["alder"] = "57"
    client.post(url, data)
    kollega = AnvandareFactory.med_roll("utforarpersonal", utforare, username="kollega")
    client.force_login(kollega)
    sida = client.get(url)
    assert 'value="57"' not in sida.text and "ifyllt igen" not in sida.text
    assert not SparatArbete.objects.exists()
    client.force_login(personal)
    assert 'value="57"' not in client.get(url).text


def test_only_after_the_second_factor(overifierad_klient, personal, radgivning):
    app_for(personal)
    url, data, _ = kontakt(personal, radgivning)
    klient = overifierad_klient
    klient.force_login(personal)
    klient.get(reverse("tvasteg"))  # signed in with the password: the cookie is set
    _utloggad(klient)
    data["alder"] = "57"
    assert klient.post(url, data).status_code == 302
    klient.force_login(personal)  # the password step only
    svar = klient.get(url)
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("tvasteg"))
    assert SparatArbete.objects.exists()


def test_kept_at_most_a_quarter_of_an_hour(client, personal, radgivning):
    url, data, _ = _fyll(client, personal, kontakt, radgivning=radgivning)
    data["alder"] = "57"
    client.post(url, data)
    SparatArbete.objects.update(skapad=timezone.now() - datetime.timedelta(minutes=16))
    client.force_login(personal)
    assert 'value="57"' not in client.get(url).text
    assert not SparatArbete.objects.exists()


def test_the_command_deletes_what_has_expired(personal):
    gammal = SparatArbete.objects.create(
        anvandare=personal,
        sokvag="/",
        visas_pa="/",
        krypterat=b"x",
        skapad=timezone.now() - datetime.timedelta(minutes=15),
    )
    ny = SparatArbete.objects.create(anvandare=personal, sokvag="/", visas_pa="/", krypterat=b"x")
    call_command("rensa_sparat_arbete")
    assert not SparatArbete.objects.filter(pk=gammal.pk).exists()
    assert SparatArbete.objects.filter(pk=ny.pk).exists()


def test_nothing_is_kept_without_a_signed_in_past(client, personal, radgivning):
    url, data, _ = kontakt(personal, radgivning)
    svar = client.post(url, data)
    assert svar.status_code == 302
    assert not SparatArbete.objects.exists()
    client.cookies[kaka_vem()] = f"{personal.pk}:forfalskad"
    client.post(url, data)
    assert not SparatArbete.objects.exists()


def test_an_explicit_logout_forgets_the_browser(client, personal, radgivning):
    url, data, _ = kontakt(personal, radgivning)
    client.force_login(personal)
    client.get(reverse("start"))
    svar = client.post(reverse("logout"))
    assert svar.cookies[kaka_vem()].value == ""
    client.post(url, data)
    assert not SparatArbete.objects.exists()


def test_login_forms_are_never_kept(client, personal):
    client.force_login(personal)
    client.get(reverse("start"))
    _utloggad(client)
    client.post(reverse("login"), {"username": personal.username, "password": "fel"})
    client.post(reverse("losenord"), {"old_password": "x", "new_password1": "y"})
    assert not SparatArbete.objects.exists()


def test_a_form_posted_at_the_absolute_limit_is_kept(client, personal, radgivning, settings):
    url, data, antal = kontakt(personal, radgivning)
    client.force_login(personal)
    client.get(reverse("start"))
    session = client.session
    session[INLOGGAD] -= settings.SESSION_ABSOLUT_TIMMAR * 3600 + 1
    session.save()
    svar = client.post(url, data)
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    assert SparatArbete.objects.filter(anvandare=personal).exists()
    assert antal() == 0


def test_stay_signed_in(client, personal):
    client.force_login(personal)
    sida = client.get(reverse("start"))
    assert 'id="sessionen"' in sida.text and "Fortsätt vara inloggad" in sida.text
    assert "Inloggad till kl." in sida.text
    assert "js/sessionen.js" in sida.text
    svar = client.post(reverse("forlang_sessionen"), HTTP_ACCEPT="application/json")
    assert svar.status_code == 200 and svar.json()["kvar"] == 1800
    utan_js = client.post(reverse("forlang_sessionen"), {"next": reverse("start")})
    assert utan_js.status_code == 302 and utan_js["Location"] == reverse("start")
    bort = client.post(reverse("forlang_sessionen"), {"next": "https://example.com/"})
    assert bort["Location"] == reverse("start")
    # The script is the site's own file: the Content-Security-Policy allows nothing inline.
    assert "script-src 'self'" in sida["Content-Security-Policy"]


def test_stay_signed_in_needs_a_sign_in(client):
    svar = client.post(reverse("forlang_sessionen"))
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    assert client.get(reverse("forlang_sessionen")).status_code in (302, 405)


def test_the_public_pages_have_no_warning(client, katalog):
    assert 'id="sessionen"' not in client.get("/").text


def test_a_kept_form_of_another_kind_waits_for_its_page(client, personal, radgivning):
    url, data, _ = _fyll(client, personal, kontakt, radgivning=radgivning)
    data["alder"] = "57"
    data["nyckel"] = str(uuid.uuid4())
    client.post(url, data)
    client.force_login(personal)
    client.get(reverse("start"))
    assert SparatArbete.objects.exists()
    assert 'value="57"' in client.get(url).text
    assert not Kontakt.objects.exists()


def test_the_ticks_of_an_attendance_list_come_back(client, personal, grupp, omgang):
    """A group leader ticks the list after the meeting and the sign-in has ended: the ticks
    come back after signing in again, shown, not saved."""
    from dokumentation.tillfallen.models import Tillfalle
    from tests.dokumentation.conftest import registrera

    o = omgang
    d1, d2 = (
        registrera(
            personal, grupp, omgang=o, svar=["uppfyllt", "uppfyllt"], barnets_alder=5
        ).deltagande
        for _ in range(2)
    )
    t = Tillfalle.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        typ="grupptraff",
        datum=datetime.date.today(),
        omgang=o,
        personal=personal,
        inlamningsnyckel=uuid.uuid4(),
    )
    url = reverse("dokumentation:traff", args=[t.pk])
    client.force_login(personal)
    assert client.get(reverse("start")).status_code == 200
    _utloggad(client)
    svar = client.post(url, {"narvarande": [d2.pk]})
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    client.force_login(personal)
    sida = client.get(url)
    assert "ifyllt igen" in sida.text
    assert f'value="{d2.pk}" id="n{d2.pk}" checked' in sida.text
    assert f'value="{d1.pk}" id="n{d1.pk}">' in sida.text  # not ticked
    assert not t.narvaro.exists()  # shown, not saved behind the user's back
    assert client.post(url, {"narvarande": [d2.pk]}).status_code == 302
    assert list(t.narvaro.values_list("deltagande_id", flat=True)) == [d2.pk]
