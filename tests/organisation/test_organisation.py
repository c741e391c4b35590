"""Login, the start page and the systemadministratör's screens."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from organisation.behorighet import Inloggning, roller, utforare_ids
from organisation.models import Behorighet, Roll
from tests.factories import AnvandareFactory, provkommun


@pytest.mark.django_db
def test_login_in_swedish_and_logout(client, sekreterare):
    svar = client.get(reverse("login"))
    assert svar.status_code == 200 and "Logga in" in svar.text and 'lang="sv"' in svar.text
    fel = client.post(reverse("login"), {"username": "sekreterare", "password": "fel"})
    assert "Användarnamnet eller lösenordet är fel" in fel.text
    ok = client.post(reverse("login"), {"username": "sekreterare", "password": "losenord-for-test"})
    assert ok.status_code == 302 and ok["Location"] == reverse("start")
    # The second step next, for every role (tests/organisation/test_sakerhet.py).
    assert client.get(reverse("start"))["Location"].startswith(reverse("tvasteg"))
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("start")).status_code == 302


@pytest.mark.django_db
def test_start_page_shows_what_the_role_may_open(client, alla_roller, utforare):
    client.force_login(alla_roller["sekreterare"])
    assert "Öppna katalogen" in client.get(reverse("start")).text
    client.force_login(alla_roller["personal"])
    svar = client.get(reverse("start")).text
    assert "Öppna katalogen" not in svar and utforare.namn in svar
    assert "Beroendemottagningen" not in svar  # the other utförare


@pytest.mark.django_db
def test_user_may_hold_roles_at_several_utforare(client, utforare, annan_utforare):
    anvandare = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    Behorighet.objects.create(anvandare=anvandare, roll=Roll.ENHETSCHEF, utforare=annan_utforare)
    client.force_login(anvandare)
    svar = client.get(reverse("start")).text
    assert utforare.namn in svar and annan_utforare.namn in svar


@pytest.mark.django_db
def test_role_and_utforare_must_agree(utforare, sekreterare):
    with pytest.raises(IntegrityError):
        Behorighet.objects.create(anvandare=sekreterare, roll=Roll.UTFORARPERSONAL)


@pytest.mark.django_db
def test_municipal_role_has_no_utforare(utforare, sekreterare):
    with pytest.raises(IntegrityError):
        Behorighet.objects.create(
            anvandare=sekreterare, roll=Roll.VERKSAMHETSCHEF, utforare=utforare
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("roll", "i_kommun", "tillats"),
    [
        (Roll.VERKSAMHETSCHEF, True, True),
        (Roll.VERKSAMHETSCHEF, False, False),
        (Roll.NAMNDSEKRETERARE, False, False),
        (Roll.SYSTEMADMINISTRATOR, True, False),
        (Roll.SYSTEMADMINISTRATOR, False, True),
    ],
)
def test_the_nämnds_roles_are_held_in_a_municipality(roll, i_kommun, tillats):
    anvandare = AnvandareFactory()
    kommun = provkommun() if i_kommun else None
    if tillats:
        Behorighet.objects.create(anvandare=anvandare, roll=roll, kommun=kommun)
    else:
        with pytest.raises(IntegrityError):
            Behorighet.objects.create(anvandare=anvandare, roll=roll, kommun=kommun)


@pytest.mark.django_db
def test_staff_roles_have_no_municipality(utforare):
    with pytest.raises(IntegrityError):
        Behorighet.objects.create(
            anvandare=AnvandareFactory(),
            roll=Roll.UTFORARPERSONAL,
            utforare=utforare,
            kommun=provkommun(),
        )


@pytest.mark.django_db
class TestSystemadministration:
    sidor = [
        "systemadmin:index",
        "systemadmin:organisation_anvandare_changelist",
        "systemadmin:organisation_utforare_changelist",
        "systemadmin:organisation_utforare_add",
        "systemadmin:organisation_kommun_changelist",
        "systemadmin:organisation_kommun_add",
    ]

    def test_administrator_manages_users_and_utforare(self, client, systemadministrator):
        client.force_login(systemadministrator)
        for namn in self.sidor:
            assert client.get(reverse(namn)).status_code == 200, namn
        svar = client.post(
            reverse("systemadmin:organisation_utforare_add"),
            {"namn": "Ny utförare", "regi": "extern"},
        )
        assert svar.status_code == 302

    def test_every_admin_form_renders(self, client, systemadministrator, utforare):
        """Each model's list, add and change page, with every widget: the form renderer
        (grund/formular.py) falls back to Django templates for the admin's own widgets."""
        from organisation import tvasteg
        from organisation.admin import systemadmin

        client.force_login(systemadministrator)
        tvasteg.aterstall(systemadministrator, systemadministrator)  # one security event
        provkommun()
        client.force_login(systemadministrator)
        for model, modeladmin in systemadmin._registry.items():
            namn = f"systemadmin:{model._meta.app_label}_{model._meta.model_name}"
            forsta = model._default_manager.order_by("pk").first()
            sidor = [reverse(f"{namn}_changelist"), reverse(f"{namn}_change", args=[forsta.pk])]
            if modeladmin.has_add_permission(client.get(sidor[0]).wsgi_request):
                sidor.append(reverse(f"{namn}_add"))
            for url in sidor:
                svar = client.get(url)
                assert svar.status_code == 200, url
                if "sakerhetshandelse" not in url:  # read only: no form fields
                    assert b"<select" in svar.content or b"<input" in svar.content, url

    @pytest.mark.parametrize("roll", ["sekreterare", "personal", "enhetschef", "verksamhetschef"])
    def test_other_roles_get_404(self, client, alla_roller, roll):
        client.force_login(alla_roller[roll])
        for namn in self.sidor:
            assert client.get(reverse(namn)).status_code == 404, namn

    def test_anonymous_goes_to_the_one_login_page(self, client):
        svar = client.get(reverse("systemadmin:index"))
        assert svar.status_code == 302
        svar = client.get(svar["Location"])
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_grant_role_command(utforare):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    anvandare = AnvandareFactory(username="ny")
    call_command("ge_behorighet", "ny", "systemadministrator")
    call_command("ge_behorighet", "ny", "utforarpersonal", "--utforare", utforare.namn)
    call_command("ny_kommun", "Sala", "--kod", "1907")
    call_command("ge_behorighet", "ny", "verksamhetschef", "--kommun", "Sala")
    assert set(anvandare.behorigheter.values_list("roll", "kommun__namn")) == {
        ("systemadministrator", None),
        ("utforarpersonal", None),
        ("verksamhetschef", "Sala"),
    }
    from organisation.models import Sakerhetshandelse

    call_command("ge_behorighet", "ny", "systemadministrator")  # held already: no event
    assert sorted(
        Sakerhetshandelse.objects.filter(typ="behorighet_andrad", anvandare=anvandare).values_list(
            "beskrivning", flat=True
        )
    ) == [
        "Fick: Systemadministratör (manage.py ge_behorighet)",
        f"Fick: Utförarpersonal vid {utforare} (manage.py ge_behorighet)",
        "Fick: Verksamhetschef i Sala kommun (manage.py ge_behorighet)",
    ]
    for argument, fel in [
        (["saknas", "enhetschef"], "ingen användare"),
        (["ny", "enhetschef"], "ange --utforare"),
        (["ny", "enhetschef", "--utforare", "Finns inte"], "ingen utförare"),
        (["ny", "verksamhetschef", "--utforare", utforare.namn], "inte vid en utförare"),
        (["ny", "verksamhetschef"], "ange --kommun"),
        (["ny", "namndsekreterare", "--kommun", "Finns inte"], "ingen kommun"),
        (["ny", "systemadministrator", "--kommun", "Sala"], "inte i en viss kommun"),
    ]:
        with pytest.raises(CommandError, match=fel):
            call_command("ge_behorighet", *argument)


@pytest.mark.django_db
def test_add_municipality_command():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from organisation.models import Kommun

    call_command("ny_kommun", "Alingsås", "--kod", "1489", "--tillganglighet-kontakt", "x@y.se")
    kommun = Kommun.objects.get(namn="Alingsås")
    assert (kommun.kod, kommun.slug) == ("1489", "alingsas")
    assert kommun.tillganglighet_kontakt == "x@y.se"
    for argument, fel in [
        (["Alingsås"], "finns redan"),
        (["Sala", "--kod", "19"], "fyra siffror"),
        (["  "], "Ange kommunens namn"),
    ]:
        with pytest.raises(CommandError, match=fel):
            call_command("ny_kommun", *argument)


@pytest.mark.django_db
def test_staff_start_page_lists_decided_insatser_only(client, personal, utforare):
    from tests.factories import InsatsFactory

    InsatsFactory(utforare=utforare, beslutad=True, namn="Beslutad insats")
    InsatsFactory(utforare=utforare, namn="Utkast som inte gäller")
    client.force_login(personal)
    svar = client.get(reverse("start")).text
    assert "Beslutad insats" in svar and "Utkast som inte gäller" not in svar


def test_the_session_user_is_read_with_their_roles_in_one_query(
    utforare, annan_utforare, django_assert_num_queries
):
    """Every signed-in request needs the user and their roles: the backend reads both at
    once, and the role checks then ask the database nothing."""
    anvandare = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    Behorighet.objects.create(anvandare=anvandare, roll=Roll.ENHETSCHEF, utforare=annan_utforare)
    with django_assert_num_queries(1):
        las = Inloggning().get_user(anvandare.pk)
        assert roller(las) == {Roll.UTFORARPERSONAL, Roll.ENHETSCHEF}
        assert utforare_ids(las, Roll.ENHETSCHEF) == [annan_utforare.pk]
    assert las == anvandare and las.username == anvandare.username


@pytest.mark.django_db
def test_a_user_without_roles_or_deactivated(utforare):
    utan = AnvandareFactory()
    las = Inloggning().get_user(utan.pk)
    assert las == utan and roller(las) == set()
    avstangd = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    avstangd.is_active = False
    avstangd.save()
    assert Inloggning().get_user(avstangd.pk) is None
    assert Inloggning().get_user(10**9) is None
    assert Inloggning().get_user("inte ett id") is None
    assert Inloggning().get_user(str(utan.pk)) == utan  # as the session keeps it
