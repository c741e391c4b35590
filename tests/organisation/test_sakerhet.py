"""Authentication: two-factor for the roles that read identified data, lockout after
repeated failures, and sessions ended when the password changes."""

import base64
import io
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from organisation.models import (
    Anvandare,
    Autentiseringsapp,
    Reservkod,
    Reservkoder,
    Sakerhetshandelse,
)
from tests.conftest import VerifieradKlient, app_for


def logga_in(klient, anvandarnamn, losenord="losenord-for-test"):
    return klient.post(reverse("login"), {"username": anvandarnamn, "password": losenord})


def kod_for(enhet):
    return f"{totp(enhet.bin_key):06d}"


@pytest.mark.django_db
class TestTvasteg:
    def test_staff_must_set_up_two_factor_before_anything(self, overifierad_klient, personal):
        logga_in(overifierad_klient, "personal")
        svar = overifierad_klient.get(reverse("dokumentation:deltaganden"))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("tvasteg"))
        sida = overifierad_klient.get(svar["Location"])
        assert "Ställ in tvåstegsverifiering" in sida.text
        assert "data:image/svg+xml;base64," in sida.text
        enhet = Autentiseringsapp.objects.get(user=personal, confirmed=False)
        assert re.search(r'<code id="hemlighet">[A-Z2-7]+=*</code>', sida.text)

        fel = overifierad_klient.post(reverse("tvasteg"), {"kod": "000000"})
        assert "Koden stämmer inte" in fel.text
        # django-otp throttles guessing after a failure; a real user waits a second.
        Autentiseringsapp.objects.filter(pk=enhet.pk).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
        klart = overifierad_klient.post(
            reverse("tvasteg") + "?next=/utforare/deltaganden/", {"kod": kod_for(enhet)}
        )
        assert "reservkoder" in klart.text
        koder = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", klart.text)
        assert len(koder) == 10 and all(len(k) == 19 for k in koder)
        # Stored as hashes only; the secret of the app only encrypted.
        assert not Reservkod.objects.filter(kodhash__in=koder).exists()
        app = Autentiseringsapp.objects.get(user=personal)
        assert base64.b32encode(app.bin_key).decode() not in app.krypterad_nyckel
        assert overifierad_klient.get(reverse("dokumentation:deltaganden")).status_code == 200

    def test_next_login_asks_for_a_code_and_recovery_codes_work_once(
        self, overifierad_klient, personal
    ):
        enhet = app_for(personal)
        logga_in(overifierad_klient, "personal")
        sida = overifierad_klient.get(reverse("tvasteg"))
        assert "Ange koden från din autentiseringsapp" in sida.text
        assert (
            overifierad_klient.post(reverse("tvasteg"), {"kod": kod_for(enhet)}).status_code == 302
        )
        reserv = Reservkoder.objects.create(user=personal, name="Reserv")
        kod = reserv.skapa_koder()[0]
        for forvantat in (302, 200):
            overifierad_klient.post(reverse("logout"))
            logga_in(overifierad_klient, "personal")
            svar = overifierad_klient.post(reverse("tvasteg"), {"kod": kod})
            assert svar.status_code == forvantat

    @pytest.mark.parametrize(
        ("roll", "sida"),
        [
            ("sekreterare", "insatser:index"),
            ("verksamhetschef", "uppfoljning:index"),
            ("systemadministrator", "systemadmin:index"),
        ],
    )
    def test_every_role_needs_the_second_step(self, overifierad_klient, alla_roller, roll, sida):
        anvandare = alla_roller[roll]
        logga_in(overifierad_klient, anvandare.username)
        svar = overifierad_klient.get(reverse(sida))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("tvasteg"))

    def test_open_redirect_is_refused(self, overifierad_klient, personal):
        enhet = app_for(personal)
        logga_in(overifierad_klient, "personal")
        svar = overifierad_klient.post(
            reverse("tvasteg") + "?next=https://elak.example/", {"kod": kod_for(enhet)}
        )
        assert svar["Location"] == reverse("start")

    def test_the_whole_address_comes_back_after_the_code(self, overifierad_klient, personal):
        enhet = app_for(personal)
        logga_in(overifierad_klient, "personal")
        sida = "/utforare/deltaganden/?status=avslutad&insats=3"
        svar = overifierad_klient.get(sida)
        assert svar["Location"] == reverse("tvasteg") + "?next=" + quote(sida, safe="")
        klart = overifierad_klient.post(svar["Location"], {"kod": kod_for(enhet)})
        assert klart["Location"] == sida

    def test_administrator_resets_two_factor(
        self, client, systemadministrator, personal, caplog, mailoutbox
    ):
        app_for(personal)
        Anvandare.objects.filter(pk=personal.pk).update(email="personal@example.se")
        client.force_login(systemadministrator)
        with caplog.at_level("WARNING", logger="iub.sakerhet"):
            client.post(
                reverse("systemadmin:organisation_anvandare_changelist"),
                {"action": "aterstall_tvasteg", "_selected_action": [personal.pk]},
            )
        assert not Autentiseringsapp.objects.filter(user=personal).exists()
        assert "Tvåstegsverifieringen återställd av admin för personal" in caplog.text
        handelse = Sakerhetshandelse.objects.get()
        assert (handelse.typ, handelse.anvandare, handelse.utford_av) == (
            "tvasteg_aterstallt",
            personal,
            systemadministrator,
        )
        assert mailoutbox[0].to == ["personal@example.se"]
        assert "återställdes" in mailoutbox[0].body

    def test_the_user_is_told_at_the_next_login(
        self, overifierad_klient, personal, systemadministrator
    ):
        from organisation import tvasteg

        tvasteg.aterstall(personal, systemadministrator)
        logga_in(overifierad_klient, "personal")
        sida = overifierad_klient.get(reverse("tvasteg"))
        assert "Din tvåstegsverifiering återställdes" in sida.text

    def test_a_password_alone_cannot_reset_anyone(
        self, overifierad_klient, systemadministrator, personal
    ):
        app_for(personal)
        logga_in(overifierad_klient, "admin")
        svar = overifierad_klient.post(
            reverse("systemadmin:organisation_anvandare_changelist"),
            {"action": "aterstall_tvasteg", "_selected_action": [personal.pk]},
        )
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("tvasteg"))
        assert Autentiseringsapp.objects.filter(user=personal).exists()
        assert not Sakerhetshandelse.objects.exists()


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(overifierad_klient, sekreterare, settings):
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO - 1):
        assert logga_in(overifierad_klient, "sekreterare", "fel").status_code == 200
    assert logga_in(overifierad_klient, "sekreterare", "fel").status_code == 429
    sparrad = logga_in(overifierad_klient, "sekreterare")  # even the right password
    assert sparrad.status_code == 429
    assert "tillfälligt spärrad" in sparrad.text
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="sekreterare").exists()


@pytest.mark.django_db
def test_password_change_ends_every_other_session(client, sekreterare):
    client.force_login(sekreterare)
    assert client.get(reverse("start")).status_code == 200
    anvandare = Anvandare.objects.get(pk=sekreterare.pk)
    anvandare.set_password("ett-helt-nytt-losenord-2026")
    anvandare.save()
    assert client.get(reverse("start")).status_code == 302


@pytest.mark.django_db
class TestSessionen:
    def test_a_new_session_key_once_both_steps_are_done(self, overifierad_klient, personal):
        enhet = app_for(personal)
        logga_in(overifierad_klient, "personal")
        efter_losenord = overifierad_klient.session.session_key
        overifierad_klient.post(reverse("tvasteg"), {"kod": kod_for(enhet)})
        assert overifierad_klient.session.session_key != efter_losenord
        assert overifierad_klient.get(reverse("dokumentation:deltaganden")).status_code == 200

    def test_pages_of_a_signed_in_user_are_never_cached(self, client, personal):
        client.force_login(personal)
        svar = client.get(reverse("dokumentation:deltaganden"))
        assert "no-store" in svar["Cache-Control"] and "private" in svar["Cache-Control"]
        assert "camera=()" in svar["Permissions-Policy"]

    def test_a_sign_in_ends_after_its_absolute_lifetime(self, client, personal, settings):
        from organisation.sessionsskydd import INLOGGAD

        client.force_login(personal)
        assert client.get(reverse("dokumentation:deltaganden")).status_code == 200
        session = client.session
        session[INLOGGAD] -= settings.SESSION_ABSOLUT_TIMMAR * 3600 + 1
        session.save()
        svar = client.get(reverse("dokumentation:deltaganden"))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
        assert client.get(reverse("dokumentation:deltaganden")).status_code == 302


def _fran(klient, adress, anvandarnamn, losenord="fel", **meta):
    return klient.post(
        reverse("login"),
        {"username": anvandarnamn, "password": losenord},
        REMOTE_ADDR=adress,
        **meta,
    )


@pytest.mark.django_db
def test_nobody_can_lock_a_colleague_out(overifierad_klient, sekreterare, settings):
    """The username is locked only from the address the failures came from."""
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        _fran(overifierad_klient, "198.51.100.9", "sekreterare")
    assert (
        _fran(overifierad_klient, "198.51.100.9", "sekreterare", "losenord-for-test").status_code
        == 429
    )
    assert (
        _fran(overifierad_klient, "192.0.2.10", "sekreterare", "losenord-for-test").status_code
        == 302
    )


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_stopped(overifierad_klient, sekreterare, settings):
    settings.INLOGGNING_SPARR_PER_ADRESS = 8
    for nr in range(8):  # one try each for many usernames: never five for one
        _fran(overifierad_klient, "198.51.100.9", f"gissning{nr}")
    assert (
        _fran(overifierad_klient, "198.51.100.9", "sekreterare", "losenord-for-test").status_code
        == 429
    )
    assert (
        _fran(overifierad_klient, "192.0.2.10", "sekreterare", "losenord-for-test").status_code
        == 302
    )


@pytest.mark.django_db
def test_the_client_address_behind_the_proxy(overifierad_klient, sekreterare, settings):
    """Behind the municipality's proxy every request comes from the proxy's address: the
    client's is the one the proxy appended, not one the client wrote into the header."""
    settings.PROXY_ANTAL = 1
    proxy = "10.0.0.1"
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        _fran(
            overifierad_klient,
            proxy,
            "sekreterare",
            HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.9",
        )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}
    sparrad = _fran(
        overifierad_klient,
        proxy,
        "sekreterare",
        "losenord-for-test",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert sparrad.status_code == 429
    kollega = _fran(
        overifierad_klient,
        proxy,
        "sekreterare",
        "losenord-for-test",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert kollega.status_code == 302


@pytest.mark.django_db
def test_the_totp_key_can_be_rotated(personal, settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    from organisation.enheter import _chiffer

    gammal, ny = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TOTP_NYCKLAR = [gammal]
    app = app_for(personal)
    hemlighet = app.bin_key
    settings.TOTP_NYCKLAR = [ny, gammal]
    call_command("byt_totp_nyckel", stdout=io.StringIO())
    settings.TOTP_NYCKLAR = [ny]  # the old key removed
    app.refresh_from_db()
    assert app.bin_key == hemlighet
    _chiffer.cache_clear()


@pytest.mark.django_db
class TestLosenordISystemadministrationen:
    NYTT = "ett-helt-nytt-losenord-2026"

    def test_setting_someones_password_is_a_security_event(
        self, client, systemadministrator, personal, caplog, mailoutbox
    ):
        Anvandare.objects.filter(pk=personal.pk).update(email="personal@example.se")
        client.force_login(systemadministrator)
        url = reverse("systemadmin:auth_user_password_change", args=[personal.pk])
        fel = client.post(url, {"usable_password": "true", "password1": "kort", "password2": "x"})
        assert fel.status_code == 200 and not Sakerhetshandelse.objects.exists()
        with caplog.at_level("WARNING", logger="iub.sakerhet"):
            svar = client.post(
                url, {"usable_password": "true", "password1": self.NYTT, "password2": self.NYTT}
            )
        assert svar.status_code == 302
        handelse = Sakerhetshandelse.objects.get()
        assert (handelse.typ, handelse.anvandare, handelse.utford_av) == (
            "losenord_bytt",
            personal,
            systemadministrator,
        )
        assert "Lösenordet satt av admin för personal" in caplog.text
        assert mailoutbox[0].to == ["personal@example.se"]

    def test_the_admins_own_password_is_changed_on_the_one_page(self, client, systemadministrator):
        client.force_login(systemadministrator)
        svar = client.get(reverse("systemadmin:password_change"))
        assert svar.status_code == 302 and svar["Location"] == reverse("losenord")


def _anvandarformular(anvandare, behorigheter, bort=()):
    """The admin's change form for a user, with their roles as the inline rows."""
    data = {
        "username": anvandare.username,
        "first_name": anvandare.first_name,
        "last_name": anvandare.last_name,
        "email": anvandare.email,
        "is_active": "on",
        "behorigheter-TOTAL_FORMS": str(len(behorigheter)),
        "behorigheter-INITIAL_FORMS": str(sum(1 for b in behorigheter if b.get("id"))),
        "behorigheter-MIN_NUM_FORMS": "0",
        "behorigheter-MAX_NUM_FORMS": "1000",
    }
    for nr, b in enumerate(behorigheter):
        for falt, varde in b.items():
            data[f"behorigheter-{nr}-{falt}"] = varde
        data[f"behorigheter-{nr}-anvandare"] = anvandare.pk
        if nr in bort:
            data[f"behorigheter-{nr}-DELETE"] = "on"
    return data


@pytest.mark.django_db
def test_a_role_given_or_taken_is_a_security_event(
    client, systemadministrator, personal, utforare, caplog
):
    client.force_login(systemadministrator)
    url = reverse("systemadmin:organisation_anvandare_change", args=[personal.pk])
    befintlig = personal.behorigheter.get()
    rader = [
        {"id": befintlig.pk, "roll": befintlig.roll, "utforare": utforare.pk},
        {"roll": "enhetschef", "utforare": utforare.pk},
    ]
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        svar = client.post(url, _anvandarformular(personal, rader))
    assert svar.status_code == 302, svar.context and svar.context["errors"]
    handelse = Sakerhetshandelse.objects.get()
    assert (handelse.typ, handelse.anvandare, handelse.utford_av) == (
        "behorighet_andrad",
        personal,
        systemadministrator,
    )
    assert handelse.beskrivning == f"Fick: Enhetschef vid {utforare}"
    assert "Behörigheter ändrade av admin för personal" in caplog.text

    ny = personal.behorigheter.get(roll="enhetschef")
    rader[1]["id"] = ny.pk
    client.post(url, _anvandarformular(personal, rader, bort=(1,)))
    assert Sakerhetshandelse.objects.latest("pk").beskrivning == (
        f"Förlorade: Enhetschef vid {utforare}"
    )
    # Saving the user with the roles unchanged records nothing.
    client.post(url, _anvandarformular(personal, rader[:1]))
    assert Sakerhetshandelse.objects.count() == 2


@pytest.mark.django_db
def test_a_reset_second_factor_ends_every_session_of_the_user(
    overifierad_klient, personal, systemadministrator
):
    """A session that had passed both steps (a stolen phone's browser, say) lost its device at
    the reset and was sent to set up a new one: whoever held it could enrol their own."""
    from organisation import tvasteg

    enhet = app_for(personal)
    logga_in(overifierad_klient, "personal")
    overifierad_klient.post(reverse("tvasteg"), {"kod": kod_for(enhet)})
    assert overifierad_klient.get(reverse("dokumentation:deltaganden")).status_code == 200
    annan = Client()
    logga_in(annan, "personal")  # the password step only
    tvasteg.aterstall(personal, systemadministrator)
    for klient in (overifierad_klient, annan):
        svar = klient.get(reverse("tvasteg"))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    assert not Autentiseringsapp.objects.filter(user=personal).exists()


@pytest.mark.django_db
def test_guessing_the_second_factor_is_throttled(overifierad_klient, personal):
    enhet = app_for(personal)
    logga_in(overifierad_klient, "personal")
    for _ in range(5):
        overifierad_klient.post(reverse("tvasteg"), {"kod": "000000"})
    svar = overifierad_klient.post(reverse("tvasteg"), {"kod": kod_for(enhet)})
    # Even the right code is refused while django-otp makes the user wait, and the user is
    # told so, not that the code is wrong.
    assert svar.status_code == 200 and "Koden prövades inte" in svar.text
    assert "för många koder i rad stämde inte. Vänta 1 sekund," in svar.text
    assert overifierad_klient.get(reverse("start")).status_code == 302  # not through
    # Once the wait is over, a wrong code is simply wrong.
    Autentiseringsapp.objects.filter(pk=enhet.pk).update(throttling_failure_timestamp=None)
    svar = overifierad_klient.post(reverse("tvasteg"), {"kod": "000000"})
    assert "Koden stämmer inte." in svar.text and "prövades inte" not in svar.text


@pytest.mark.django_db
def test_a_role_taken_or_an_account_closed_counts_at_the_next_request(client, personal, enhetschef):
    from organisation.models import Behorighet

    client.force_login(personal)
    url = reverse("dokumentation:deltaganden")
    assert client.get(url).status_code == 200
    Behorighet.objects.filter(anvandare=personal).delete()
    assert client.get(url).status_code == 404
    chef = VerifieradKlient()
    chef.force_login(enhetschef)
    assert chef.get(url).status_code == 200
    Anvandare.objects.filter(pk=enhetschef.pk).update(is_active=False)
    svar = chef.get(url)
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
