"""The staff pages of issue 17 items 4, 6 and 8: the choice at a cap, search by name or
personnummer in 14:3, a new deltagarkod and worry about a child. Each page as staff and
enhetschef at the right utförare, staff at another utförare, the wrong roles, and the
anonymous visitor; every person shown in a search is logged."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.tillfallen.models import Narvaro, Omgang, Tillfalle
from dokumentation.tillfallen.services import andra_narvaro
from organisation.models import Roll
from tests.dokumentation.conftest import registrera, traff_i_dag
from tests.factories import AnvandareFactory, InsatsFactory, KatalogFactory

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def data(personal, enhetschef, radgivning, full_dokumentation, oppen, annan_insats):
    anna = registrera(
        personal,
        full_dokumentation,
        person=Personuppgifter("198503121234", "Anna", "Svensson", False),
        svar=["uppfyllt"],
    ).deltagande
    bertil = registrera(
        personal,
        full_dokumentation,
        person=Personuppgifter("196408233234", "Bertil", "Svensson", False),
        svar=["uppfyllt"],
    ).deltagande
    # Registered by the enhetschef: a colleague does not find it.
    skyddad = registrera(
        enhetschef,
        full_dokumentation,
        person=Personuppgifter("199001012382", "Cecilia", "Svensson", True),
        svar=["uppfyllt"],
    ).deltagande
    return {
        "radgivning": radgivning,
        "full": full_dokumentation,
        "oppen": oppen,
        "annan_insats": annan_insats,
        "anna": anna,
        "bertil": bertil,
        "skyddad": skyddad,
    }


def sidor(data):
    return [
        reverse("dokumentation:ny_kod_valj"),
        reverse("dokumentation:ny_kod", args=[data["radgivning"].pk]),
        reverse("dokumentation:oro_valj"),
        reverse("dokumentation:oro", args=[data["radgivning"].pk]),
        reverse("dokumentation:oro", args=[data["oppen"].pk]),
    ]


class TestRollmatris:
    @pytest.mark.parametrize("roll", ["personal", "enhetschef"])
    def test_staff_and_unit_manager_open_every_page(self, client, alla_roller, roll, data):
        client.force_login(alla_roller[roll])
        for url in sidor(data):
            assert client.get(url).status_code == 200, url

    @pytest.mark.parametrize(
        "roll", ["personal_annan", "sekreterare", "verksamhetschef", "systemadministrator"]
    )
    def test_others_get_404(self, client, alla_roller, roll, data):
        client.force_login(alla_roller[roll])
        urls = sidor(data)
        if roll == "personal_annan":  # its own choice pages open, and show none of ours
            urls = [u for u in urls if "insats" in u]
            assert data["radgivning"].namn not in client.get(sidor(data)[0]).text
        for url in urls:
            assert client.get(url).status_code == 404, url
        for url in urls[-3:]:
            svar = client.post(url, {"nyckel": uuid.uuid4(), "datum": IDAG, "gjord": "on"})
            assert svar.status_code == 404, url
        assert not Orosanmalan.objects.exists()

    def test_where_the_pages_do_not_apply_they_are_not_found(self, client, personal, data):
        client.force_login(personal)
        for url in [
            reverse("dokumentation:ny_kod", args=[data["full"].pk]),  # found by search instead
            reverse("dokumentation:ny_kod", args=[data["oppen"].pk]),  # no talks to count
            reverse("dokumentation:oro", args=[data["full"].pk]),  # written in the journal
            reverse("dokumentation:ny_kod", args=[data["annan_insats"].pk]),
            reverse("dokumentation:oro", args=[data["annan_insats"].pk]),
        ]:
            assert client.get(url).status_code == 404, url

    def test_another_municipalitys_insats_is_not_found(self, client, personal, utforare):
        annan = InsatsFactory(
            katalog=KatalogFactory(kommun="Annanstad"),
            utforare=None,
            beslutad=True,
            namn="Rådgivning i Annanstad",
        )
        client.force_login(personal)
        for namn in ("ny_kod", "oro"):
            assert client.get(reverse(f"dokumentation:{namn}", args=[annan.pk])).status_code == 404

    def test_anonymous_is_sent_to_login(self, client, data):
        for url in sidor(data):
            assert client.get(url)["Location"].startswith(reverse("login"))


class TestSok:
    def sok(self, client, q):
        return client.post(reverse("dokumentation:deltaganden"), {"q": q})

    def test_by_name_or_personnummer_among_every_status(self, client, personal, data):
        Deltagande.objects.filter(pk=data["bertil"].pk).update(status="avslutad")
        client.force_login(personal)
        for q, vantat in [
            ("svensson", {data["anna"], data["bertil"]}),
            ("anna sven", {data["anna"]}),
            ("19850312-1234", {data["anna"]}),
            ("640823", {data["bertil"]}),
            ("Okänd", set()),
        ]:
            svar = self.sok(client, q)
            assert set(svar.context["deltaganden"]) == vantat, q
        assert "19640823-3234" in self.sok(client, "Bertil").text

    def test_each_person_shown_is_logged_and_the_question_is_not(self, client, personal, data):
        client.force_login(personal)
        fore = Atkomstlogg.objects.count()
        self.sok(client, "19850312-1234")
        rader = list(Atkomstlogg.objects.order_by("pk")[fore:])
        assert [(r.deltagande_id, r.handling) for r in rader] == [(data["anna"].pk, "lasa")]
        assert "1985" not in rader[0].vad and "sök" in rader[0].vad.lower()

    def test_a_protected_identity_is_found_only_by_those_who_may_open_it(
        self, client, personal, enhetschef, data
    ):
        client.force_login(personal)
        assert data["skyddad"] not in self.sok(client, "Cecilia").context["deltaganden"]
        assert data["skyddad"] not in self.sok(client, "199001012382").context["deltaganden"]
        client.force_login(enhetschef)
        svar = self.sok(client, "Cecilia")
        assert list(svar.context["deltaganden"]) == [data["skyddad"]]
        assert "19900101" not in svar.text  # shown as a protected identity, not by number

    def test_another_utforare_finds_nobody(self, client, personal_annan, data):
        client.force_login(personal_annan)
        assert list(self.sok(client, "Svensson").context["deltaganden"]) == []
        assert not Atkomstlogg.objects.filter(anvandare=personal_annan).exists()

    def test_a_search_is_never_in_the_address(self, client, personal, data):
        """Names and personnummer go by POST, so never into logs, history or a Referer; an
        old address with ?q= searches nothing."""
        client.force_login(personal)
        sida = client.get(reverse("dokumentation:deltaganden"))
        formular = re.findall(r'<form method="(\w+)"[^>]*role="search"', sida.text)
        assert formular == ["post", "post"]
        svar = client.get(reverse("dokumentation:deltaganden"), {"q": "Svensson"})
        assert not svar.context["sokning"] and "träff" not in svar.text  # the plain list
        kodad = registrera(personal, data["radgivning"]).deltagande
        hittad = client.post(reverse("dokumentation:deltaganden"), {"kod": kodad.deltagarkod})
        assert hittad["Location"] == kodad.get_absolute_url()

    def test_too_short_a_question_says_so(self, client, personal, data):
        client.force_login(personal)
        svar = self.sok(client, "a")
        assert "Sök på minst två bokstäver" in svar.text
        assert "Sök på minst" in self.sok(client, "1985").text


def test_a_new_code_from_the_page(client, personal, data):
    client.force_login(personal)
    url = reverse("dokumentation:ny_kod", args=[data["radgivning"].pk])
    svar = client.post(url, {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "pa_plats"})
    assert svar.status_code == 200
    fel = svar.context["form"].errors
    assert {"tidigare_tillfallen", "kon", "informerad"} <= set(fel)
    assert not Deltagande.objects.filter(tidigare_tillfallen__gt=0).exists()
    post = {
        "nyckel": uuid.uuid4(),
        "datum": IDAG,
        "kanal": "pa_plats",
        "kon": "kvinna",
        "alder": "41",
        "tidigare_tillfallen": "3",
        "informerad": "on",
    }
    svar = client.post(url, post, follow=True)
    ny = Deltagande.objects.get(tidigare_tillfallen=3)
    assert ny.person is None and ny.insats_id == data["radgivning"].pk
    assert ny.deltagarkod in svar.text and "fortsätter med 3 tidigare samtal" in svar.text
    client.post(url, post)  # sent again: one code
    assert Deltagande.objects.filter(tidigare_tillfallen=3).count() == 1


def test_a_new_code_asks_when_the_person_began_where_the_time_is_limited(client, personal, data):
    insats = data["radgivning"]
    url = reverse("dokumentation:ny_kod", args=[insats.pk])
    client.force_login(personal)
    assert "tidigare_start" not in client.get(url).context["form"].fields
    insats.max_varaktighet_manader = 6
    insats.save()
    post = {
        "nyckel": uuid.uuid4(),
        "datum": IDAG,
        "kanal": "pa_plats",
        "kon": "kvinna",
        "tidigare_tillfallen": "2",
        "informerad": "on",
    }
    svar = client.post(url, post)
    assert svar.status_code == 200
    assert "Ange ungefär när personen började" in svar.context["form"].errors["tidigare_start"][0]
    assert not Deltagande.objects.filter(tidigare_tillfallen=2).exists()
    borjade = IDAG - datetime.timedelta(days=40)
    svar = client.post(url, {**post, "tidigare_start": borjade}, follow=True)
    ny = Deltagande.objects.get(tidigare_tillfallen=2)
    assert ny.tidigare_start == borjade
    assert f"fortsätter med 2 tidigare samtal sedan {borjade:%Y-%m-%d}" in svar.text


def test_worry_about_a_child_shows_the_procedure_and_records_nothing_about_whom(
    client, personal, sekreterare, data
):
    katalog = data["radgivning"].katalog
    sekreterare.behorigheter.filter(roll=Roll.NAMNDSEKRETERARE).update(kommun=katalog.kommunen)
    client.force_login(sekreterare)
    falt = {
        "namnd": katalog.namnd or "",
        "informationstext": katalog.informationstext,
        "orosanmalan_rutin": "Ring mottagningen för barn och unga, 0123-456 78, vardagar 8–17.",
    }
    svar = client.post(reverse("insatser:installningar", args=[katalog.slug]), falt)
    assert svar.status_code == 302
    client.force_login(personal)
    url = reverse("dokumentation:oro", args=[data["radgivning"].pk])
    assert "0123-456 78" in client.get(url).text
    svar = client.post(url, {"nyckel": uuid.uuid4(), "datum": IDAG})
    assert "Bekräfta att anmälan är gjord" in svar.text
    nyckel = uuid.uuid4()
    for _ in range(2):
        client.post(url, {"nyckel": nyckel, "datum": IDAG, "gjord": "on"})
    anmalan = Orosanmalan.objects.get()
    assert (anmalan.insats_id, anmalan.datum, anmalan.registrerad_av) == (
        data["radgivning"].pk,
        IDAG,
        personal,
    )
    # The record has no place for a person, a participation or a text.
    assert {f.name for f in Orosanmalan._meta.fields} == {
        "id",
        "insats",
        "utforare",
        "datum",
        "registrerad_av",
        "registrerad",
        "inlamningsnyckel",
    }


def test_another_municipalitys_secretary_cannot_change_the_procedure(client, data):
    annan = AnvandareFactory.med_roll(
        Roll.NAMNDSEKRETERARE, kommun=KatalogFactory(kommun="Annanstad").kommunen
    )
    client.force_login(annan)
    katalog = data["radgivning"].katalog
    svar = client.post(
        reverse("insatser:installningar", args=[katalog.slug]), {"orosanmalan_rutin": "x"}
    )
    assert svar.status_code == 404
    katalog.refresh_from_db()
    assert katalog.orosanmalan_rutin == ""


def test_the_choice_at_the_cap_on_the_participation_page(client, personal, radgivning):
    d = registrera(personal, radgivning, minuter=45).deltagande
    Deltagande.objects.filter(pk=d.pk).update(tidigare_tillfallen=4)
    client.force_login(personal)
    sida = client.get(d.get_absolute_url())
    assert "Taket är nått" in sida.text and 'name="over_taket"' in sida.text
    url = reverse("dokumentation:samtal_ny", args=[d.pk])
    svar = client.post(url, {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "telefon"})
    assert svar.status_code == 200
    assert [e.code for e in svar.context["samtal_form"].errors["over_taket"].as_data()] == [
        "tak_tillfallen"
    ]
    client.post(
        url,
        {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "telefon", "over_taket": "akut"},
    )
    assert Tillfalle.objects.filter(deltagande=d).latest("id").over_taket == "akut"


def test_the_choice_at_the_cap_on_the_attendance_page(client, personal, grupp, omgang):
    d = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
    ).deltagande
    Deltagande.objects.filter(pk=d.pk).update(tidigare_tillfallen=4)
    traff = traff_i_dag(omgang, personal)
    client.force_login(personal)
    url = reverse("dokumentation:traff", args=[traff.pk])
    assert "Taket är nått för 1 deltagare" in client.get(url).text
    svar = client.post(url, {"narvarande": [d.pk]})
    assert svar.status_code == 200 and "Närvaron är inte sparad" in svar.text
    assert "checked" in svar.text  # the tick is kept on the page
    assert not Narvaro.objects.exists()
    assert client.post(url, {"narvarande": [d.pk], "over_taket": "akut"}).status_code == 302
    assert Narvaro.objects.get().over_taket == "akut"


def test_a_round_beyond_the_catalogue_is_told_at_the_field(client, personal, grupp):
    client.force_login(personal)
    svar = client.post(
        reverse("dokumentation:omgangar"),
        {
            "nyckel": uuid.uuid4(),
            "insats": grupp.pk,
            "benamning": "Höst",
            "startdatum": IDAG,
            "antal_traffar": 40,
            "min_deltagare": 1,
            "max_deltagare": 8,
        },
    )
    assert svar.status_code == 200
    assert "högst 4 tillfällen" in str(svar.context["form"].errors["antal_traffar"])
    assert not Omgang.objects.filter(benamning="Höst").exists()


def test_attendance_already_ticked_is_kept_without_a_new_reason(personal, grupp, omgang):
    d = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
    ).deltagande
    traff = traff_i_dag(omgang, personal)
    andra_narvaro(traff=traff, lagg_till=[d.pk], ta_bort=[])
    Deltagande.objects.filter(pk=d.pk).update(tidigare_tillfallen=4)
    andra_narvaro(traff=traff, lagg_till=[d.pk], ta_bort=[])
    assert Narvaro.objects.get().over_taket == ""


def test_the_cap_and_a_correction_on_one_attendance_page(client, personal, grupp, omgang):
    """A tick at the cap without a reason is told as such, not as a correction missing its
    reason; taking a tick away still asks why."""
    barn = {"svar": ["uppfyllt", "uppfyllt"], "barnets_alder": 5, "omgang": omgang}
    forsta = registrera(personal, grupp, **barn).deltagande
    vid_taket = registrera(personal, grupp, **barn).deltagande
    traff = traff_i_dag(omgang, personal)
    andra_narvaro(traff=traff, lagg_till=[forsta.pk], ta_bort=[])
    Deltagande.objects.filter(pk=vid_taket.pk).update(tidigare_tillfallen=4)
    client.force_login(personal)
    url = reverse("dokumentation:traff", args=[traff.pk])
    svar = client.post(
        url, {"narvarande": [forsta.pk, vid_taket.pk], "var_narvarande": [forsta.pk]}
    )
    assert "Närvaron är inte sparad" in svar.text
    assert not svar.context["orsak"].errors
    svar = client.post(url, {"narvarande": [vid_taket.pk], "var_narvarande": [forsta.pk]})
    assert svar.context["orsak"].errors  # taking the first away asks why
    assert list(Narvaro.objects.values_list("deltagande_id", flat=True)) == [forsta.pk]
