"""Each user's own password, and the account review of the systemadministratör."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.models import Anvandare, Sakerhetshandelse
from tests.conftest import VerifieradKlient, app_for

NYTT = "ett-helt-nytt-losenord-2026"


@pytest.mark.django_db
class TestLosenord:
    def test_own_password_change(self, client, sekreterare):
        client.force_login(sekreterare)
        annan = VerifieradKlient()
        annan.force_login(sekreterare)  # signed in on another computer
        url = reverse("losenord")
        sida = client.get(url)
        assert sida.status_code == 200 and "Byt lösenord" in sida.text
        fel = client.post(
            url, {"old_password": "fel", "new_password1": NYTT, "new_password2": NYTT}
        )
        assert "Det nuvarande lösenordet är fel." in fel.text
        svagt = client.post(
            url,
            {"old_password": "losenord-for-test", "new_password1": "kort", "new_password2": "kort"},
        )
        assert svagt.status_code == 200 and "för kort" in svagt.text
        olika = client.post(
            url,
            {
                "old_password": "losenord-for-test",
                "new_password1": NYTT,
                "new_password2": NYTT + "x",
            },
        )
        assert "De två nya lösenorden är inte lika." in olika.text
        ok = client.post(
            url, {"old_password": "losenord-for-test", "new_password1": NYTT, "new_password2": NYTT}
        )
        assert ok.status_code == 302
        assert Anvandare.objects.get(pk=sekreterare.pk).check_password(NYTT)
        assert client.get(reverse("start")).status_code == 200  # this session continues
        assert annan.get(reverse("start")).status_code == 302  # the other one ended
        handelse = Sakerhetshandelse.objects.get()
        assert handelse.typ == "losenord_bytt" and handelse.anvandare == sekreterare

    def test_anonymous_is_sent_to_login(self):
        svar = Client().get(reverse("losenord"))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))


@pytest.mark.django_db
class TestKontogranskning:
    def test_only_the_systemadministrator(self, client, alla_roller):
        for roll, anvandare in alla_roller.items():
            client.force_login(anvandare)
            for url in (reverse("kontogranskning"), reverse("kontogranskning_csv")):
                forvantat = 200 if roll == "systemadministrator" else 404
                assert client.get(url).status_code == forvantat, (roll, url)

    def test_roles_last_sign_in_and_unused_accounts(
        self, client, alla_roller, systemadministrator, utforare
    ):
        gammal = alla_roller["sekreterare"]
        Anvandare.objects.filter(pk=gammal.pk).update(
            last_login=timezone.now() - datetime.timedelta(days=120)
        )
        app_for(alla_roller["personal"])
        client.force_login(systemadministrator)
        sida = client.get(reverse("kontogranskning")).text
        assert "Oanvänt mer än 90 dagar" in sida and "Utförarpersonal vid Familjecentralen" in sida
        rader = list(
            csv.reader(
                io.StringIO(client.get(reverse("kontogranskning_csv")).content.decode("utf-8-sig")),
                delimiter=";",
            )
        )
        per_namn = {r[0]: r for r in rader[1:]}
        assert per_namn[gammal.username][6] == "ja"
        assert per_namn[alla_roller["personal"].username][5] == "ja"
        assert per_namn[systemadministrator.username][6] == "nej"

    def test_a_name_is_never_a_formula_in_the_csv(self, client, systemadministrator):
        """A name from the identity provider (or typed by an admin) such as '=HYPERLINK(…)'
        is text in the spreadsheet that opens the review."""
        Anvandare.objects.create_user(
            "sso:abc", first_name='=HYPERLINK("https://elak.example")', last_name="A"
        )
        client.force_login(systemadministrator)
        rader = list(
            csv.reader(
                io.StringIO(client.get(reverse("kontogranskning_csv")).content.decode("utf-8-sig")),
                delimiter=";",
            )
        )
        namn = {r[0]: r for r in rader[1:]}["sso:abc"][1]
        assert namn == '\'=HYPERLINK("https://elak.example") A'


@pytest.mark.django_db
class TestLoggaUtOveralt:
    """ "Logga ut överallt": the user's own, and the systemadministratör's for a user."""

    def test_own_other_sessions_end_this_one_continues(self, client, sekreterare, personal, caplog):
        client.force_login(sekreterare)
        annan = VerifieradKlient()
        annan.force_login(sekreterare)  # signed in on another computer
        kollega = VerifieradKlient()
        kollega.force_login(personal)
        url = reverse("inloggningar")
        sida = client.get(url)
        assert sida.status_code == 200 and "inloggad på 1 annat ställe" in sida.text
        with caplog.at_level("WARNING", logger="iub.sakerhet"):
            svar = client.post(url, follow=True)
        assert "Dina andra inloggningar är avslutade (1)." in svar.text
        assert "inte inloggad någon annanstans" in svar.text
        assert client.get(reverse("start")).status_code == 200  # this session continues
        assert annan.get(reverse("start")).status_code == 302  # the other one ended
        assert kollega.get(reverse("start")).status_code == 200  # nobody else's
        handelse = Sakerhetshandelse.objects.get()
        assert (handelse.typ, handelse.anvandare, handelse.utford_av) == (
            "sessioner_avslutade",
            sekreterare,
            sekreterare,
        )
        assert "Inloggningar avslutade av sekreterare själv: 1" in caplog.text
        # Sent again: nothing more to end, nothing more recorded.
        igen = client.post(url, follow=True)
        assert "Du var inte inloggad någon annanstans." in igen.text
        assert Sakerhetshandelse.objects.count() == 1

    def test_anonymous_is_sent_to_login(self):
        svar = Client().post(reverse("inloggningar"))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))

    def test_the_systemadministrator_ends_a_users_sessions(
        self, client, systemadministrator, personal, sekreterare, caplog, mailoutbox
    ):
        Anvandare.objects.filter(pk=personal.pk).update(email="personal@example.se")
        pa_jobbet, hemma = VerifieradKlient(), VerifieradKlient()
        pa_jobbet.force_login(personal)
        hemma.force_login(personal)
        kollega = VerifieradKlient()
        kollega.force_login(sekreterare)
        client.force_login(systemadministrator)
        with caplog.at_level("WARNING", logger="iub.sakerhet"):
            client.post(
                reverse("systemadmin:organisation_anvandare_changelist"),
                {"action": "logga_ut_overallt", "_selected_action": [personal.pk]},
            )
        assert pa_jobbet.get(reverse("start")).status_code == 302
        assert hemma.get(reverse("start")).status_code == 302
        assert kollega.get(reverse("start")).status_code == 200
        assert client.get(reverse("start")).status_code == 200
        handelse = Sakerhetshandelse.objects.get()
        assert (handelse.typ, handelse.anvandare, handelse.utford_av) == (
            "sessioner_avslutade",
            personal,
            systemadministrator,
        )
        assert "Inloggningar (2) avslutade av admin för personal" in caplog.text
        assert mailoutbox[0].to == ["personal@example.se"]

    def test_no_other_role_can(self, client, alla_roller, personal):
        offer = VerifieradKlient()
        offer.force_login(personal)
        for roll, anvandare in alla_roller.items():
            if roll == "systemadministrator":
                continue
            client.force_login(anvandare)
            svar = client.post(
                reverse("systemadmin:organisation_anvandare_changelist"),
                {"action": "logga_ut_overallt", "_selected_action": [personal.pk]},
            )
            assert svar.status_code == 404, roll
        assert offer.get(reverse("start")).status_code == 200
        assert not Sakerhetshandelse.objects.exists()

    def test_a_password_alone_cannot(self, overifierad_klient, systemadministrator, personal):
        offer = VerifieradKlient()
        offer.force_login(personal)
        app_for(systemadministrator)
        overifierad_klient.post(
            reverse("login"), {"username": "admin", "password": "losenord-for-test"}
        )
        svar = overifierad_klient.post(
            reverse("systemadmin:organisation_anvandare_changelist"),
            {"action": "logga_ut_overallt", "_selected_action": [personal.pk]},
        )
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("tvasteg"))
        assert offer.get(reverse("start")).status_code == 200
        assert not Sakerhetshandelse.objects.exists()


@pytest.mark.django_db
def test_without_a_second_factor_the_admin_is_told_and_nothing_happens(
    overifierad_klient, systemadministrator, personal, settings
):
    """Where the set-up does not ask for a second factor (the demo), the two actions that
    need the admin's own say so instead of acting (they gave a bare 404)."""
    settings.KRAV_TVASTEGSVERIFIERING = False
    offer = VerifieradKlient()
    offer.force_login(personal)
    overifierad_klient.force_login(systemadministrator)
    for atgard in ("logga_ut_overallt", "aterstall_tvasteg"):
        svar = overifierad_klient.post(
            reverse("systemadmin:organisation_anvandare_changelist"),
            {"action": atgard, "_selected_action": [personal.pk]},
            follow=True,
        )
        assert svar.status_code == 200, atgard
        assert "kräver att du själv har loggat in med tvåstegsverifiering" in svar.text
    assert offer.get(reverse("start")).status_code == 200
    assert not Sakerhetshandelse.objects.exists()
