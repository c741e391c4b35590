"""Staff screens: every view as staff and enhetschef at the right utförare, staff at another
utförare, and the wrong roles; bad input gets a Swedish message next to its field."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Narvaro, Omgang, Tillfalle
from dokumentation.tillfallen.services import avsluta_omgang, registrera_traff, stall_in_omgang
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera, traff_i_dag

IDAG = datetime.date.today()


@pytest.fixture
def data(personal, grupp, omgang, radgivning, full_dokumentation, oppen):
    gruppdeltagare = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
    ).deltagande
    person = Personuppgifter("198503121234", "Anna", "Svensson", False)
    identifierad = registrera(
        personal, full_dokumentation, person=person, svar=["uppfyllt"]
    ).deltagande
    traff = registrera_traff(
        omgang=omgang,
        datum=IDAG,
        langd_minuter=150,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    return {
        "grupp": grupp,
        "omgang": omgang,
        "radgivning": radgivning,
        "oppen": oppen,
        "gruppdeltagare": gruppdeltagare,
        "identifierad": identifierad,
        "traff": traff,
    }


def sidor(data):
    return [
        reverse("dokumentation:kontakt_valj"),
        reverse("dokumentation:kontakt_ny", args=[data["grupp"].pk]),
        reverse("dokumentation:kontakt_ny", args=[data["radgivning"].pk]),
        reverse("dokumentation:kontakt_klar", args=[data["gruppdeltagare"].kontakt_id]),
        reverse("dokumentation:deltaganden"),
        reverse("dokumentation:deltagande", args=[data["gruppdeltagare"].pk]),
        reverse("dokumentation:deltagande", args=[data["identifierad"].pk]),
        reverse("dokumentation:avsluta", args=[data["identifierad"].pk]),
        reverse("dokumentation:omgangar"),
        reverse("dokumentation:omgang", args=[data["omgang"].pk]),
        reverse("dokumentation:traff", args=[data["traff"].pk]),
        reverse("dokumentation:oppning_valj"),
        reverse("dokumentation:oppning_ny", args=[data["oppen"].pk]),
    ]


@pytest.mark.django_db
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
        for url in sidor(data)[1:4] + sidor(data)[5:8] + sidor(data)[9:11] + sidor(data)[12:]:
            assert client.get(url).status_code == 404, url
        # Posting to another utförare's records changes nothing.
        d = data["identifierad"]
        assert (
            client.post(
                reverse("dokumentation:samtal_ny", args=[d.pk]),
                {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "telefon"},
            ).status_code
            == 404
        )
        assert (
            client.post(reverse("dokumentation:journal_ny", args=[d.pk]), {"text": "x"}).status_code
            == 404
        )
        assert not Tillfalle.objects.filter(deltagande=d).exists()

    def test_other_utforare_sees_only_its_own_lists(self, client, personal_annan, data):
        client.force_login(personal_annan)
        assert (
            client.get(reverse("dokumentation:deltaganden")).context["deltaganden"].__len__() == 0
        )
        svar = client.get(reverse("dokumentation:kontakt_valj"))
        assert data["grupp"].namn not in svar.text

    def test_anonymous_is_sent_to_login(self, client, data):
        for url in sidor(data):
            assert client.get(url)["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_reading_identified_data_is_logged(client, personal, data):
    client.force_login(personal)
    client.get(reverse("dokumentation:deltagande", args=[data["identifierad"].pk]))
    client.get(reverse("dokumentation:deltagande", args=[data["gruppdeltagare"].pk]))
    logg = Atkomstlogg.objects.get()
    assert (logg.anvandare, logg.handling, logg.deltagande) == (
        personal,
        "lasa",
        data["identifierad"],
    )
    with pytest.raises(ValueError, match="kan inte ändras"):
        logg.save()


def test_the_page_title_never_names_the_person(client, personal, data):
    """The title is kept in the browser's history and shown on tabs and shared screens: an
    identified participation's page names the person in its heading only."""
    client.force_login(personal)
    svar = client.get(reverse("dokumentation:deltagande", args=[data["identifierad"].pk]))
    titel = svar.text.split("<title>")[1].split("</title>")[0]
    assert titel == f"Deltagande – {data['identifierad'].insats.namn} – IUB-registret"
    assert "Anna Svensson" in svar.text.split("<h1>")[1].split("</h1>")[0]
    kod = client.get(reverse("dokumentation:deltagande", args=[data["gruppdeltagare"].pk]))
    assert f"<title>Deltagare {data['gruppdeltagare'].deltagarkod} –" in kod.text


def kontaktdata(**andringar):
    data = {
        "nyckel": str(uuid.uuid4()),
        "datum": IDAG.isoformat(),
        "kanal": "pa_plats",
        "alder": "34",
        "kon": "kvinna",
        "villkor_1": "uppfyllt",
        "villkor_2": "uppfyllt",
        "barnets_alder": "7",
        "informerad": "on",
        "utfall": "deltar",
    }
    data.update(andringar)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
class TestKontakt:
    def url(self, insats):
        return reverse("dokumentation:kontakt_ny", args=[insats.pk])

    def test_registration_shows_the_card_once(self, client, personal, grupp, omgang):
        client.force_login(personal)
        svar = client.post(self.url(grupp), kontaktdata(omgang=omgang.pk))
        kontakt = Kontakt.objects.get()
        assert svar["Location"] == reverse("dokumentation:kontakt_klar", args=[kontakt.pk])
        kod = kontakt.deltagande.deltagarkod
        assert kod in client.get(svar["Location"]).text
        assert kod not in client.get(svar["Location"]).text

    def test_the_form_has_no_identity_fields_for_14_5(self, client, personal, grupp):
        client.force_login(personal)
        form = client.get(self.url(grupp)).context["form"]
        assert not {"personnummer", "fornamn", "efternamn"} & set(form.fields)
        client.post(
            self.url(grupp), kontaktdata(personnummer="198503121234", fornamn="Anna", efternamn="S")
        )
        assert not Deltagande.objects.filter(person__isnull=False).exists()

    @pytest.mark.parametrize(
        ("andring", "falt", "text"),
        [
            ({"informerad": None}, "informerad", "11 kap. 6 §"),
            ({"barnets_alder": "14"}, "villkor_1", "stämmer inte med barnets ålder"),
            ({"villkor_2": None}, "villkor_2", "Svara på villkoret"),
            ({"villkor_1": "osakert"}, "utfall", "hänvisas personen till nämnden"),
            ({"datum": (IDAG + datetime.timedelta(days=2)).isoformat()}, "datum", "framtiden"),
            ({"alder": "-3"}, "alder", ""),
            ({"alder": "tre"}, "alder", ""),
            ({"kanal": "brevduva"}, "kanal", ""),
            ({"utfall": "kastad"}, "utfall", ""),
            ({"nyckel": "inte-en-uuid"}, "nyckel", ""),
        ],
    )
    def test_bad_input_gets_a_message_and_saves_nothing(
        self, client, personal, grupp, andring, falt, text
    ):
        client.force_login(personal)
        svar = client.post(self.url(grupp), kontaktdata(**andring))
        assert svar.status_code == 200
        assert svar.context["form"].errors[falt]
        assert text in " ".join(svar.context["form"].errors[falt])
        assert not Kontakt.objects.exists()

    def test_invalid_personnummer(self, client, personal, full_dokumentation):
        client.force_login(personal)
        for pnr, text in [("19850312-1235", "inte giltigt"), ("20990101-0008", "inte giltigt")]:
            svar = client.post(
                self.url(full_dokumentation),
                kontaktdata(
                    villkor_1="uppfyllt",
                    villkor_2=None,
                    barnets_alder=None,
                    personnummer=pnr,
                    fornamn="Anna",
                    efternamn="S",
                ),
            )
            assert text in svar.context["form"].errors["personnummer"][0]
        assert not Kontakt.objects.exists()

    def test_the_browser_keeps_no_list_of_identities(self, client, personal, full_dokumentation):
        """Autofill would offer the last clients' numbers and names to whoever types next."""
        client.force_login(personal)
        sida = client.get(self.url(full_dokumentation)).text
        for falt in ("personnummer", "fornamn", "efternamn"):
            tagg = re.search(rf'<input[^>]*name="{falt}"[^>]*>', sida)
            assert tagg and 'autocomplete="off"' in tagg.group(0), falt

    def test_identified_participant_and_journal(self, client, personal, full_dokumentation):
        client.force_login(personal)
        svar = client.post(
            self.url(full_dokumentation),
            kontaktdata(
                villkor_2=None,
                barnets_alder=None,
                alder="",  # the personnummer gives it
                personnummer="811218-9876",
                fornamn="Anna",
                efternamn="Svensson",
            ),
        )
        assert svar.status_code == 302
        d = Deltagande.objects.get()
        assert d.person.personnummer == "198112189876"
        url = reverse("dokumentation:journal_ny", args=[d.pk])
        assert client.post(url, {"text": "Träffades.", "nyckel": uuid.uuid4()}).status_code == 302
        assert client.post(
            url, {"text": "Rättelse", "rattar": d.anteckningar.get().pk, "nyckel": uuid.uuid4()}
        )
        assert d.anteckningar.count() == 2

    def test_an_age_that_contradicts_the_personnummer_or_birth_year_is_refused(
        self, client, personal, full_dokumentation, radgivning
    ):
        client.force_login(personal)
        svar = client.post(
            self.url(full_dokumentation),
            kontaktdata(
                villkor_2=None,
                barnets_alder=None,
                alder="12",
                personnummer="811218-9876",
                fornamn="Anna",
                efternamn="Svensson",
            ),
        )
        assert "stämmer inte med personnumret" in svar.context["form"].errors["alder"][0]
        svar = client.post(
            self.url(radgivning),
            kontaktdata(villkor_1=None, villkor_2=None, alder="34", fodelsear="2010"),
        )
        assert "stämmer inte med åldern" in svar.context["form"].errors["fodelsear"][0]
        assert not Kontakt.objects.exists()

    def test_a_contact_before_the_insats_was_in_force_is_refused(
        self, client, personal, radgivning
    ):
        radgivning.giltig_fran = IDAG
        radgivning.save()
        client.force_login(personal)
        dagen_fore = (IDAG - datetime.timedelta(days=1)).isoformat()
        svar = client.post(
            self.url(radgivning),
            kontaktdata(villkor_1=None, villkor_2=None, barnets_alder=None, datum=dagen_fore),
        )
        assert "Insatsen gäller från" in svar.context["form"].errors["datum"][0]
        assert not Kontakt.objects.exists()

    def test_form_posted_for_another_utforares_insats(self, client, personal, annan_insats):
        client.force_login(personal)
        assert client.post(self.url(annan_insats), kontaktdata()).status_code == 404
        assert not Kontakt.objects.exists()


@pytest.mark.django_db
class TestTillfallen:
    def test_advice_talk_in_one_page_and_cap(self, client, personal, radgivning):
        client.force_login(personal)
        client.post(
            reverse("dokumentation:kontakt_ny", args=[radgivning.pk]),
            kontaktdata(villkor_1=None, villkor_2=None, barnets_alder=None, samtal_minuter="40"),
        )
        d = Deltagande.objects.get()
        assert d.tillfallen.count() == 1
        url = reverse("dokumentation:samtal_ny", args=[d.pk])
        for _ in range(4):
            # Four identical talks the same day: each confirmed as "spara en till".
            client.post(
                url,
                {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "telefon", "spara_en_till": "ja"},
            )
        sida = client.get(d.get_absolute_url())
        assert "taket på 5 tillfällen" in sida.text
        assert "hänvisad att ansöka" in sida.text
        svar = client.post(url, {"nyckel": uuid.uuid4(), "datum": IDAG, "kanal": "telefon"})
        assert svar.status_code == 200 and d.tillfallen.count() == 5
        client.post(reverse("dokumentation:hanvisa", args=[d.pk]))
        d.refresh_from_db()
        assert d.hanvisad_ansoka == IDAG

    def test_session_in_the_future_is_refused(self, client, personal, radgivning):
        d = registrera(personal, radgivning).deltagande
        client.force_login(personal)
        svar = client.post(
            reverse("dokumentation:samtal_ny", args=[d.pk]),
            {
                "nyckel": uuid.uuid4(),
                "datum": IDAG + datetime.timedelta(days=1),
                "kanal": "telefon",
            },
        )
        assert svar.context["samtal_form"].errors["datum"] == [
            "Datumet kan inte ligga i framtiden."
        ]

    def test_attendance_from_two_pages(self, client, personal, enhetschef, grupp, omgang):
        a = registrera(
            personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
        ).deltagande
        b = registrera(
            personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
        ).deltagande
        traff = registrera_traff(
            omgang=omgang,
            datum=IDAG,
            langd_minuter=150,
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
        url = reverse("dokumentation:traff", args=[traff.pk])
        # Both opened the page before either saved; each ticks one person.
        client.force_login(personal)
        client.post(url, {"narvarande": [a.pk]})
        client.force_login(enhetschef)
        client.post(url, {"narvarande": [b.pk]})
        assert set(Narvaro.objects.values_list("deltagande_id", flat=True)) == {a.pk, b.pk}
        # Unticking removes only what the page showed ticked (a correction: it says why).
        client.post(
            url,
            {
                "var_narvarande": [a.pk, b.pk],
                "narvarande": [b.pk],
                "rattelse-nyckel": str(uuid.uuid4()),
                "rattelse-orsak": "misstag",
            },
        )
        assert set(Narvaro.objects.values_list("deltagande_id", flat=True)) == {b.pk}

    def test_open_meeting_place_headcount(self, client, personal, oppen):
        client.force_login(personal)
        url = reverse("dokumentation:oppning_ny", args=[oppen.pk])
        nyckel = str(uuid.uuid4())
        data = {"nyckel": nyckel, "datum": IDAG, "antal_kvinna_25-44": "4", "antal_man_65-": "2"}
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302  # double submit
        assert Tillfalle.objects.get().besok.count() == 2
        for fel in [{"antal_kvinna_25-44": "-1"}, {"antal_kvinna_25-44": "100000"}, {}]:
            svar = client.post(url, {"nyckel": str(uuid.uuid4()), "datum": IDAG, **fel})
            assert svar.status_code == 200
        assert Tillfalle.objects.count() == 1

    def test_ending_with_identifying_free_text_is_refused(self, client, personal, radgivning):
        d = registrera(personal, radgivning).deltagande
        client.force_login(personal)
        url = reverse("dokumentation:avsluta", args=[d.pk])
        svar = client.post(
            url,
            {
                "slutdatum": IDAG,
                "avbrott": "ja",
                "avbrottsorsak": "annat",
                "avbrott_text": "Mejla anna@example.se",
            },
        )
        assert "e-postadress" in svar.context["form"].errors["avbrott_text"][0]
        svar = client.post(url, {"slutdatum": IDAG, "avbrott": "nej", "maende_slut": "4"})
        assert svar.status_code == 302
        d.refresh_from_db()
        assert (d.status, d.maende_slut) == (Deltagande.Status.AVSLUTAD, 4)
        # Back to the form (or the form sent again): a page that says so, nothing changes.
        for svar in (client.get(url), client.post(url, {"slutdatum": IDAG, "avbrott": "nej"})):
            assert svar.status_code == 200
            assert "Deltagandet är redan avslutat" in svar.text
            assert f'href="{d.get_absolute_url()}"' in svar.text
        d.refresh_from_db()
        assert d.maende_slut == 4


@pytest.mark.django_db
def test_staff_start_page(client, personal, data, django_assert_max_num_queries):
    client.force_login(personal)
    with django_assert_max_num_queries(20):
        svar = client.get(reverse("start"))
    assert "Pågående deltaganden (2)" in svar.text
    assert "Omgångar med lediga platser" in svar.text
    assert Deltagande.objects.count() == 2


@pytest.mark.django_db
def test_protected_identity_hides_details_and_narrows_access(
    client, personal, enhetschef, utforare, full_dokumentation
):
    from organisation.models import Roll
    from tests.factories import AnvandareFactory

    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    person = Personuppgifter("198112189876", "Anna", "Svensson", True)
    d = registrera(personal, full_dokumentation, person=person, svar=["uppfyllt"]).deltagande
    client.force_login(personal)
    sida = client.get(d.get_absolute_url()).text
    assert "Svensson" not in sida and "19811218" not in sida
    assert "Svensson" in client.get(d.get_absolute_url() + "?visa=personuppgifter").text
    assert Atkomstlogg.objects.filter(vad="Visade skyddade personuppgifter").count() == 1
    client.force_login(enhetschef)
    assert client.get(d.get_absolute_url()).status_code == 200
    client.force_login(kollega)
    assert client.get(d.get_absolute_url()).status_code == 404
    lista = client.get(reverse("dokumentation:deltaganden")).text
    assert "Svensson" not in lista


@pytest.mark.django_db
def test_a_personnummer_never_reveals_another_utforares_person(
    client, personal, personal_annan, full_dokumentation, annan_utforare
):
    from tests.factories import InsatsFactory, VillkorFactory

    registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter("198112189876", "Anna", "Hemlig", True),
    )
    annans = InsatsFactory(
        katalog=full_dokumentation.katalog,
        utforare=annan_utforare,
        beslutad=True,
        namn="Annans 14:3",
        dokumentationsregel="14:3",
        form="individuell",
    )
    VillkorFactory(insats=annans, typ="alder", min_alder=18, kommun=None)
    client.force_login(personal_annan)
    client.post(
        reverse("dokumentation:kontakt_ny", args=[annans.pk]),
        kontaktdata(
            villkor_2=None,
            barnets_alder=None,
            alder="",
            personnummer="811218-9876",
            fornamn="Eva",
            efternamn="Annan",
        ),
    )
    d = Deltagande.objects.get(insats=annans)
    sida = client.get(d.get_absolute_url()).text
    assert "Hemlig" not in sida and "Skyddad identitet" not in sida and "Eva" in sida
    assert d.person.utforare == annan_utforare


@pytest.mark.django_db
def test_a_waiting_list_cannot_move_to_another_utforares_round(
    client, personal, grupp, omgang, annan_utforare
):

    annans = Omgang.objects.create(
        insats=grupp,
        utforare=annan_utforare,
        benamning="Annans",
        startdatum=IDAG,
        antal_traffar=4,
        max_deltagare=8,
    )
    registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang)
    client.force_login(personal)
    client.post(reverse("dokumentation:stall_in", args=[omgang.pk]), {"flytta_till": annans.pk})
    assert not annans.deltaganden.exists()
    with pytest.raises(RegelBrott):
        stall_in_omgang(omgang=omgang, flytta_till=annans)


@pytest.mark.django_db
def test_tampered_queries_and_keys_answer_cleanly(
    client, personal, personal_annan, grupp, omgang, radgivning
):
    client.force_login(personal)
    for fraga in ["?insats=%C2%B2", "?insats=1e9&status=%00"]:
        assert client.get(reverse("dokumentation:deltaganden") + fraga).status_code == 200
    for kod in ["\x00", "AB\x00CD", "²" * 50]:
        assert client.post(reverse("dokumentation:deltaganden"), {"kod": kod}).status_code == 200
    traff = traff_i_dag(omgang, personal)
    svar = client.post(reverse("dokumentation:traff", args=[traff.pk]), {"narvarande": ["²"]})
    assert svar.status_code == 302
    # A form key belonging to someone else's record is refused, not followed.
    annans_nyckel = registrera(personal, radgivning).inlamningsnyckel
    client.force_login(personal_annan)
    svar = client.post(
        reverse("dokumentation:kontakt_ny", args=[grupp.pk]), kontaktdata(nyckel=str(annans_nyckel))
    )
    assert svar.status_code == 404  # grupp is not theirs either


@pytest.mark.django_db
class TestAvslutaOmgang:
    """Closing a round whose meetings are over: its participants ended first, those waiting
    for it kept on the insats's waiting list, and it leaves the lists of open rounds."""

    def url(self, data):
        return reverse("dokumentation:avsluta_omgang", args=[data["omgang"].pk])

    def test_not_while_someone_takes_part(self, client, personal, data):
        client.force_login(personal)
        svar = client.post(self.url(data), follow=True)
        assert "1 deltagare pågår fortfarande i omgången" in svar.text
        data["omgang"].refresh_from_db()
        assert data["omgang"].status == "pagar"
        assert "Avsluta först deltagandena som pågår (1)" in svar.text

    def test_closed_when_everyone_has_ended(self, client, personal, grupp, data):
        avsluta_deltagande(
            deltagande=data["gruppdeltagare"], slutdatum=IDAG, avbrott=False, idag=IDAG
        )
        vantar = registrera(
            personal,
            grupp,
            svar=["uppfyllt", "uppfyllt"],
            barnets_alder=5,
            omgang=data["omgang"],
            utfall="vantelista",
        ).deltagande
        client.force_login(personal)
        assert 'action="' + self.url(data) in client.get(data["omgang"].get_absolute_url()).text
        svar = client.post(self.url(data), follow=True)
        assert "är avslutad. 1 person på dess väntelista står kvar" in svar.text
        data["omgang"].refresh_from_db()
        vantar.refresh_from_db()
        assert data["omgang"].status == "avslutad"
        assert (vantar.status, vantar.omgang) == ("vantar", None)
        # Gone from the open rounds and from the new contact's choice of round.
        assert data["omgang"] not in svar.context["omgangar"]
        formular = client.get(reverse("dokumentation:kontakt_ny", args=[grupp.pk]))
        assert "omgang" not in formular.context["form"].fields
        # Closed once: a second post changes nothing and says why.
        svar = client.post(self.url(data), follow=True)
        assert "Bara en omgång som har haft träffar och pågår kan avslutas" in svar.text

    def test_a_planned_round_is_cancelled_not_closed(self, personal, grupp):

        planerad = Omgang.objects.create(
            insats=grupp,
            utforare=grupp.utforare,
            benamning="Höst",
            startdatum=IDAG,
            antal_traffar=4,
            max_deltagare=8,
        )
        with pytest.raises(RegelBrott):
            avsluta_omgang(omgang=planerad)

    @pytest.mark.parametrize(
        "roll", ["personal_annan", "sekreterare", "verksamhetschef", "systemadministrator"]
    )
    def test_others_get_404(self, client, alla_roller, roll, data):
        client.force_login(alla_roller[roll])
        assert client.post(self.url(data)).status_code == 404
        data["omgang"].refresh_from_db()
        assert data["omgang"].status == "pagar"

    def test_only_by_post(self, client, personal, data):
        client.force_login(personal)
        assert client.get(self.url(data)).status_code == 405
        saknas = reverse("dokumentation:avsluta_omgang", args=[999999])
        assert client.post(saknas).status_code == 404

    def test_anonymous_is_sent_to_login(self, client, data):
        assert client.post(self.url(data))["Location"].startswith(reverse("login"))
